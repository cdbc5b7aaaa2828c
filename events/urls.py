from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.home, name="home"),
    path("editions/", views.edition_list, name="edition-list"),
    path("editions/<slug:slug>/", views.edition_detail, name="edition-detail"),
    path("accessibility/", views.page, {"template": "accessibility"}, name="accessibility"),
    path("help/", views.page, {"template": "help"}, name="help"),
    path("privacy/", views.page, {"template": "privacy"}, name="privacy"),
]
