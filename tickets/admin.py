from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from events.admin_filters import edition_column, edition_filter

from .enums import MailStatus
from .models import (
    DayRegistration,
    OutgoingMail,
    PlaceHold,
    PostalAddress,
    Registration,
    Ticket,
    WaitingListEntry,
)
from .services import offer_free_places


class TicketInline(admin.TabularInline):
    model = Ticket
    extra = 0
    fields = ["public_id", "day", "arrival_window", "position", "kind", "holder_name", "headcount", "status"]
    readonly_fields = ["public_id", "status"]

    class Media:
        css = {"all": ["css/admin.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        """Narrow enough for a 1280 px screen (it stretched the page to 1,666 px): no edit/add/delete/view
        icons beside each ticket's day and window, a shorter name box."""
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(getattr(field, "widget", None), RelatedFieldWidgetWrapper):
            field.widget = field.widget.widget
        if db_field.name == "holder_name":
            field.widget = forms.TextInput(attrs={"size": 18})
        return field

    def get_formset(self, request, obj=None, **kwargs):
        request.registration_edition_id = obj.edition_id if obj is not None else None
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Only the days (and arrival windows) of the registration's own edition: a 2027 registration was
        offered the 2024 days."""
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        edition_id = getattr(request, "registration_edition_id", None)
        if edition_id is not None and db_field.name == "day":
            field.queryset = field.queryset.filter(edition_id=edition_id).order_by("date")
            field.label_from_instance = lambda day: date_format(
                day.date, "D j M Y"
            )  # the edition goes without saying
        elif edition_id is not None and db_field.name == "arrival_window":
            field.queryset = field.queryset.filter(day__edition_id=edition_id)
        return field


class PlaceHoldInline(admin.TabularInline):
    """Places an unconfirmed registration holds until its hold_expires_at."""

    model = PlaceHold
    extra = 0
    fields = ["day", "arrival_window", "places"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class PostalAddressInline(admin.StackedInline):
    """Where the tickets go by post (registrations by post only): a typo can be put right here."""

    model = PostalAddress
    extra = 0
    max_num = 1
    fields = ["street", "number", "box", "postal_code", "commune", "country", "posted_at", "posted_by"]
    readonly_fields = ["posted_at", "posted_by"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    # What fits beside the filters at 1280 px (the list was cut at "LANGUA…"); language and news are filters.
    list_display = ["name", "email", "edition", "channel", "created_at"]
    list_filter = [
        edition_filter("edition"),
        "language",
        "channel",
        "news_opt_in",
        ("confirmed_at", admin.EmptyFieldListFilter),
        ("anonymized_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["name", "email", "public_id", "phone", "postal_code"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "public_id",
        "created_at",
        "created_by",
        "accessibility_consent_at",
        "news_consent_at",
        "anonymized_at",
        "confirmed_at",
        "hold_expires_at",
        "held_companions",
    ]
    inlines = [PostalAddressInline, TicketInline, PlaceHoldInline]


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    list_display = ["public_id", "edition", "kind", "holder_name", "day", "headcount", "status", "created_at"]
    list_filter = [edition_filter("edition"), "day", "kind", "status"]
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


@admin.register(DayRegistration)
class DayRegistrationAdmin(admin.ModelAdmin):
    list_display = ["email", edition_column("day__edition"), "day", "registration"]
    list_filter = [edition_filter("day__edition"), "day"]
    search_fields = ["email", "registration__name", "registration__public_id"]
    list_select_related = ["day", "day__edition", "registration"]
    raw_id_fields = ["registration"]


@admin.register(WaitingListEntry)
class WaitingListEntryAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        edition_column("day__edition"),
        "email",
        "day",
        "places",
        "status",
        "created_at",
        "offer_expires_at",
    ]
    list_filter = ["status", edition_filter("day__edition"), "day", "language"]
    search_fields = ["name", "email", "public_id"]
    readonly_fields = [
        "public_id",
        "created_at",
        "offered_at",
        "offer_expires_at",
        "closed_at",
        "registration",
    ]
    list_select_related = ["day", "day__edition"]
    date_hierarchy = "created_at"
    actions = ["offer_now"]

    @admin.action(description=_("Offer free places to the next in line now"))
    def offer_now(self, request, queryset):
        made = 0
        for day in {entry.day for entry in queryset.select_related("day__edition")}:
            made += len(offer_free_places(day=day))
        self.message_user(request, _("Offers made: {count}").format(count=made))
