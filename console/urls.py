from django.urls import path

from .views import account, capacity, exports, home, messages, registrations, report

app_name = "console"

urlpatterns = [
    path("staff/", home.home, name="home"),
    path("staff/exports/", exports.exports, name="exports"),
    path("staff/exports/<slug:slug>.<str:file_format>", exports.download, name="export-download"),
    path("staff/messages/", messages.message_list, name="messages"),
    path("staff/messages/new/", messages.message_edit, name="message-new"),
    path("staff/messages/<int:pk>/", messages.message_detail, name="message"),
    path("staff/messages/<int:pk>/change/", messages.message_edit, name="message-edit"),
    path("staff/messages/<int:pk>/preview/", messages.message_preview, name="message-preview"),
    path("staff/messages/<int:pk>/test/", messages.message_test, name="message-test"),
    path("staff/messages/<int:pk>/send/", messages.message_send, name="message-send"),
    path("staff/welcome/<uidb64>/<token>/", account.set_password, name="set-password"),
    path("staff/welcome/done/", account.password_set, name="password-set"),
    path("staff/outbox/retry/", home.retry_mail, name="retry-mail"),
    path("staff/registrations/", registrations.registration_list, name="registrations"),
    path("staff/registrations/<str:public_id>/", registrations.registration_detail, name="registration"),
    path(
        "staff/registrations/<str:public_id>/act/",
        registrations.registration_action,
        name="registration-action",
    ),
    path("staff/capacity/", capacity.capacity, name="capacity"),
    path("staff/report/", report.report, name="report"),
    path("staff/report.pdf", report.report_pdf, name="report-pdf"),
]
