"""URLs of a benchmark run (BENCH_BASELINE=1): the site's own, plus the baseline view."""

from django.urls import path

from .bench_views import baseline
from .urls import urlpatterns as site_urlpatterns

urlpatterns = [path("bench/baseline/<str:public_id>", baseline, name="bench-baseline"), *site_urlpatterns]
