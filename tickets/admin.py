from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import MailStatus, OutgoingMail, Registration, Ticket


class TicketInline(admin.TabularInline):
    model = Ticket
    extra = 0
    fields = ["public_id", "day", "kind", "holder_name", "headcount", "status"]
    readonly_fields = ["public_id"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "edition", "language", "channel", "created_at"]
    list_filter = ["edition", "language", "channel"]
    search_fields = ["name", "email"]
    date_hierarchy = "created_at"
    inlines = [TicketInline]


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = ["public_id", "kind", "holder_name", "day", "headcount", "status", "created_at"]
    list_filter = ["edition", "day", "kind", "status"]
    search_fields = ["public_id", "holder_name", "registration__name", "registration__email"]
    readonly_fields = ["public_id", "created_at", "cancelled_at"]
    list_select_related = ["day", "day__edition"]


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["subject", "to", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["to", "subject"]
    readonly_fields = [
        "to",
        "subject",
        "body_text",
        "body_html",
        "dedupe_key",
        "attempts",
        "last_error",
        "created_at",
        "sent_at",
    ]
    actions = ["retry_now"]

    @admin.action(description=_("Send again now"))
    def retry_now(self, request, queryset):
        queryset.filter(status=MailStatus.QUEUED).update(next_attempt_at=timezone.now())
