from django.urls import path

from . import confirm_views, desk_views, views

app_name = "tickets"

urlpatterns = [
    path("tickets/", views.register, name="register"),
    path("tickets/check-email/", views.check_email, name="check-email"),
    path("tickets/places/", views.places, name="places"),
    path("tickets/check-your-mail/", confirm_views.check_mail, name="check-mail"),
    path("tickets/confirm/<str:public_id>/<str:token>/", confirm_views.confirm, name="confirm"),
    path("tickets/lost/", views.lost, name="lost"),
    path("tickets/waiting-list/", views.waiting_join, name="waiting-join"),
    path("tickets/waiting-list/<str:public_id>/<str:token>/", views.waiting_entry, name="waiting-entry"),
    path("tickets/my/<str:public_id>/<str:token>/", views.manage, name="manage"),
    path("tickets/my/<str:public_id>/<str:token>/tickets.pdf", views.tickets_pdf, name="pdf"),
    path("tickets/my/<str:public_id>/<str:token>/visit.ics", views.visit_ics, name="ics"),
    path("tickets/my/<str:public_id>/<str:token>/my-data.json", views.data_json, name="data"),
    path("tickets/desk/", desk_views.desk, name="desk"),
    path("tickets/desk/to-post/", desk_views.to_post, name="to-post"),
    path("tickets/desk/<str:public_id>/", desk_views.desk_print, name="desk-print"),
    path("tickets/desk/<str:public_id>/tickets.pdf", desk_views.desk_pdf, name="desk-pdf"),
    path("tickets/desk/<str:public_id>/letter.pdf", desk_views.post_letter, name="post-letter"),
    path("tickets/desk/<str:public_id>/posted/", desk_views.mark_posted, name="mark-posted"),
]
