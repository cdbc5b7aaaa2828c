from django.urls import path

from . import views

app_name = "schools"

urlpatterns = [
    path("schools/", views.catalogue, name="catalogue"),
    path("schools/places.json", views.places, name="places"),
    path("schools/book/", views.book, name="book"),
    path("schools/book/sent/", views.booking_sent, name="booking-sent"),
    path("schools/confirm/<str:token>/", views.confirm, name="confirm"),
    path("schools/booking/<str:token>/", views.manage, name="manage"),
    path("schools/booking/<str:token>/headcount/", views.manage_headcount, name="manage-headcount"),
    path("schools/booking/<str:token>/add/", views.manage_add, name="manage-add"),
    path("schools/booking/<str:token>/swap/<int:row_id>/", views.manage_swap, name="manage-swap"),
    path("schools/booking/<str:token>/drop/<int:row_id>/", views.manage_drop, name="manage-drop"),
    path("schools/booking/<str:token>/accept/<int:row_id>/", views.manage_accept, name="manage-accept"),
    path("schools/booking/<str:token>/cancel/", views.manage_cancel, name="manage-cancel"),
    path("schools/booking/<str:token>/class.pdf", views.booking_pdf, name="booking-pdf"),
    path("schools/booking/<str:token>/class.ics", views.booking_ics, name="booking-ics"),
    path("schools/organizers/", views.organizer_overview, name="organizer-overview"),
    path("schools/organizers/new-booking/", views.organizer_book, name="organizer-book"),
    path("schools/organizers/slots/<int:slot_id>/", views.organizer_slot, name="organizer-slot"),
    path("schools/organizers/slots/<int:slot_id>/attendance/", views.attendance_slot, name="attendance-slot"),
    path("schools/organizers/leaders/attendance/", views.attendance_leader, name="attendance-leader"),
    path("schools/organizers/bookings.csv", views.bookings_csv, name="bookings-csv"),
]
