"""The site's URLs plus views that fail, for tests/core/test_error_pages.py (with @pytest.mark.urls)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from config import urls as site_urls
from config.urls import handler400, handler403, handler404, handler500  # noqa: F401 (read by Django)


def crash(request):
    raise RuntimeError("a bug in a view")


def forbidden(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("a forged request")


urlpatterns = [
    path("crash/", crash),
    path("forbidden/", forbidden),
    path("suspicious/", suspicious),
    *site_urls.urlpatterns,
]
