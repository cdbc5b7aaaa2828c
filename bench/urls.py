"""URLs of a benchmark run (bench/settings.py): the site's own, plus the baseline view."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

from .views import baseline

urlpatterns = [path("bench/baseline/<str:public_id>", baseline, name="bench-baseline"), *site_urlpatterns]
