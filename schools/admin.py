from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from core.errors import DomainError
from events.admin_filters import edition_column, edition_filter

from . import services
from .links import manage_url
from .models import BookedSlot, ClassBooking, School, SchoolSettings, Workshop, WorkshopSlot


@admin.register(SchoolSettings)
class SchoolSettingsAdmin(TabbedTranslationAdmin):
    list_display = [
        "edition",
        "allocation_mode",
        "booking_opens_at",
        "booking_deadline",
        "max_classes_per_school",
    ]
    readonly_fields = ["draw_seed", "drawn_at"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "postal_code", "city", "network"]
    list_filter = ["network"]
    search_fields = ["name", "postal_code", "city"]


class WorkshopSlotInline(admin.TabularInline):
    model = WorkshopSlot
    extra = 0
    fields = ["day", "space", "starts_at", "ends_at", "capacity", "language", "leader_name", "is_open"]


@admin.register(Workshop)
class WorkshopAdmin(TabbedTranslationAdmin):
    list_display = [
        "title",
        "edition",
        "level_min",
        "level_max",
        "duration_minutes",
        "max_pupils",
        "leader_name",
    ]
    list_filter = [edition_filter("edition"), "themes"]
    search_fields = ["title", "slug", "leader_name"]
    filter_horizontal = ["themes"]
    prepopulated_fields = {"slug": ["title_fr"]}
    inlines = [WorkshopSlotInline]


@admin.register(WorkshopSlot)
class WorkshopSlotAdmin(admin.ModelAdmin):
    list_display = [
        "workshop",
        edition_column("day__edition"),
        "day",
        "starts_at",
        "ends_at",
        "space",
        "language",
        "capacity",
        "is_open",
    ]
    list_select_related = ["day", "day__edition"]
    list_filter = [edition_filter("day__edition"), "day", "space", "language", "is_open"]
    search_fields = ["workshop__title"]


class BookedSlotInline(admin.TabularInline):
    model = BookedSlot
    extra = 0
    fields = ["slot", "status", "waiting_since", "offer_expires_at", "draw_rank"]
    readonly_fields = ["slot", "status", "waiting_since", "offer_expires_at", "draw_rank"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


# What happened to a booking: shown to the organizers, changed only through the services.
HISTORY_FIELDS = [
    "status",
    "channel",
    "ticket",
    "hold_expires_at",
    "confirmed_at",
    "cancelled_at",
    "reminded_at",
    "sequence",
    "manage_link",
]


@admin.register(ClassBooking)
class ClassBookingAdmin(admin.ModelAdmin):
    """Read and cancel here; new bookings on a school's behalf go through the organizers' booking form
    (it applies every rule), changes through the teacher's manage page (the link is shown below)."""

    list_display = [
        "school",
        "edition",
        "class_name",
        "level",
        "pupils",
        "adults",
        "day",
        "status",
        "channel",
        "created_at",
    ]
    list_filter = [edition_filter("edition"), "status", "channel", "level", "school__network"]
    search_fields = ["school__name", "class_name", "teacher_name", "teacher_email"]
    readonly_fields = [
        "edition",
        "day",
        "school",
        "level",
        "pupils",
        "adults",
        *HISTORY_FIELDS,
    ]
    fields = [
        "edition",
        "day",
        "school",
        "teacher_name",
        "teacher_email",
        "teacher_mobile",
        "language",
        "class_name",
        "level",
        "pupils",
        "adults",
        "special_needs",
        *HISTORY_FIELDS,
    ]
    inlines = [BookedSlotInline]
    actions = ["cancel_bookings"]
    change_list_template = "schools/admin/classbooking_change_list.html"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("manage page"))
    def manage_link(self, obj):
        url = manage_url(obj)
        return format_html('<a href="{}">{}</a>', url, url)

    @admin.action(description=_("Cancel the selected bookings (frees their places)"))
    def cancel_bookings(self, request, queryset):
        count = 0
        for booking in queryset:
            try:
                services.cancel_booking(booking=booking)
                count += 1
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)
        self.message_user(
            request, ngettext("%(n)d booking cancelled.", "%(n)d bookings cancelled.", count) % {"n": count}
        )
