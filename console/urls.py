from django.urls import path

from .views import capacity, home, registrations

app_name = "console"

urlpatterns = [
    path("staff/", home.home, name="home"),
    path("staff/outbox/retry/", home.retry_mail, name="retry-mail"),
    path("staff/registrations/", registrations.registration_list, name="registrations"),
    path("staff/registrations/<str:public_id>/", registrations.registration_detail, name="registration"),
    path(
        "staff/registrations/<str:public_id>/act/",
        registrations.registration_action,
        name="registration-action",
    ),
    path("staff/capacity/", capacity.capacity, name="capacity"),
]
