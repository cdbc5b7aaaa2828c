from django.urls import path

from . import views

app_name = "exhibitors"

urlpatterns = [
    path("exhibitors/", views.directory, name="directory"),
    path("exhibitors/plan/", views.floor_plan, name="plan"),
    path("exhibitors/logos/<slug:slug>-<str:digest>.webp", views.logo, name="logo"),
    path("exhibitors/portal/<str:token>/", views.portal, name="portal"),
    path("exhibitors/portal/<str:token>/profile/", views.portal_profile, name="portal-profile"),
    path("exhibitors/portal/<str:token>/logo/", views.portal_logo, name="portal-logo"),
    path("exhibitors/portal/<str:token>/logo/remove/", views.portal_logo_remove, name="portal-logo-remove"),
    path("exhibitors/portal/<str:token>/activities/", views.portal_activity_add, name="portal-activity-add"),
    path(
        "exhibitors/portal/<str:token>/activities/<int:activity_id>/",
        views.portal_activity_edit,
        name="portal-activity-edit",
    ),
    path(
        "exhibitors/portal/<str:token>/activities/<int:activity_id>/delete/",
        views.portal_activity_delete,
        name="portal-activity-delete",
    ),
    path("exhibitors/portal/<str:token>/staff/", views.portal_staff_add, name="portal-staff-add"),
    path(
        "exhibitors/portal/<str:token>/staff/<str:ticket_id>/badge.pdf",
        views.portal_badge,
        name="portal-badge",
    ),
    path(
        "exhibitors/portal/<str:token>/staff/<str:ticket_id>/remove/",
        views.portal_staff_remove,
        name="portal-staff-remove",
    ),
    path("exhibitors/portal/<str:token>/new-link/", views.portal_new_link, name="portal-new-link"),
    path("exhibitors/<slug:slug>/", views.exhibitor_detail, name="exhibitor"),
]
