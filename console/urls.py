from django.urls import path

from .views import home

app_name = "console"

urlpatterns = [
    path("staff/", home.home, name="home"),
]
