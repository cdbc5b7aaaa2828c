from django.urls import path

from . import scanner_views

app_name = "checkin"

urlpatterns = [
    # The gate scanner web app (scanner_views.py): page, manifest, and the service worker in its scope.
    path("scan/", scanner_views.scan_page, name="scan"),
    path("scan/manifest.webmanifest", scanner_views.scan_manifest, name="scan-manifest"),
    path("scan/sw.js", scanner_views.scan_service_worker, name="scan-service-worker"),
]
