from django.urls import path

from . import paper_views, rehearsal_views, scanner_views, views

app_name = "checkin"

urlpatterns = [
    # The gate scanner web app (scanner_views.py): page, manifest, and the service worker in its scope.
    path("scan/", scanner_views.scan_page, name="scan"),
    path("scan/manifest.webmanifest", scanner_views.scan_manifest, name="scan-manifest"),
    path("scan/sw.js", scanner_views.scan_service_worker, name="scan-service-worker"),
    # Staff pages at the venue (views.py): the check-in desk and the organizers' live dashboard.
    path("checkin/desk/", views.desk, name="desk"),
    path("checkin/desk/admit/", views.desk_admit, name="desk-admit"),
    path("checkin/paper/", paper_views.paper, name="paper"),
    path("checkin/paper/<slug:edition>/<str:date>.pdf", paper_views.paper_pdf, name="paper-pdf"),
    path("checkin/dashboard/", views.dashboard, name="dashboard"),
    path("checkin/dashboard/checkins.csv", views.dashboard_csv, name="dashboard-csv"),
    # Rehearsals of the gates (rehearsal_views.py): tickets valid on any day, never counted.
    path("checkin/rehearsal/", rehearsal_views.rehearsal_page, name="rehearsal"),
    path("checkin/rehearsal/open/", rehearsal_views.rehearsal_open, name="rehearsal-open"),
    path("checkin/rehearsal/close/", rehearsal_views.rehearsal_close, name="rehearsal-close"),
    path("checkin/rehearsal/<str:public_id>.pdf", rehearsal_views.rehearsal_pdf, name="rehearsal-pdf"),
]
