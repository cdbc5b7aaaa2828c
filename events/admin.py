from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from .admin_filters import edition_column, edition_filter
from .enums import SessionStatus
from .forms import SpeakerAdminForm
from .models import ArrivalWindow, Day, Edition, Session, SessionChange, Space, Speaker, Theme
from .services import cancel_session, reinstate_session, save_session


class DayInline(admin.TabularInline):
    model = Day
    extra = 0


class SpaceInline(TranslationTabularInline):
    model = Space
    extra = 0
    fields = ["slug", "name", "kind", "capacity", "step_free", "hearing_loop", "quiet_room"]


@admin.register(Edition)
class EditionAdmin(TabbedTranslationAdmin):
    list_display = ["name", "starts_on", "ends_on", "venue_name", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["name", "slug", "venue_name"]
    prepopulated_fields = {"slug": ["name_fr"]}
    filter_horizontal = ["themes"]
    date_hierarchy = "starts_on"
    inlines = [DayInline, SpaceInline]


class ArrivalWindowInline(admin.TabularInline):
    model = ArrivalWindow
    extra = 0


@admin.register(Day)
class DayAdmin(admin.ModelAdmin):
    list_display = ["date", "edition", "audience", "opens_at", "closes_at", "public_from", "capacity"]
    list_filter = [edition_filter("edition"), "audience"]
    search_fields = ["edition__name"]
    ordering = ["-date"]
    inlines = [ArrivalWindowInline]


@admin.register(Space)
class SpaceAdmin(TabbedTranslationAdmin):
    list_display = ["name", "edition", "kind", "capacity", "step_free", "hearing_loop", "quiet_room"]
    list_filter = [edition_filter("edition"), "kind", "step_free", "hearing_loop"]
    search_fields = ["name", "slug"]
    ordering = ["edition", "position", "slug"]


@admin.register(Theme)
class ThemeAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name_fr"]}


@admin.register(Speaker)
class SpeakerAdmin(TabbedTranslationAdmin):
    form = SpeakerAdminForm
    list_display = ["name", "organisation", "slug"]
    search_fields = ["name", "organisation", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class SessionChangeInline(admin.TabularInline):
    model = SessionChange
    extra = 0
    can_delete = False
    fields = ["changed_at", "kind", "old_starts_at", "new_starts_at", "old_space", "new_space"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Session)
class SessionAdmin(TabbedTranslationAdmin):
    """Every save goes through events.services.save_session: SEQUENCE, LAST-MODIFIED and the change log."""

    list_display = [
        "title",
        edition_column("day__edition"),
        "kind",
        "day",
        "starts_at",
        "ends_at",
        "space",
        "status",
        "is_published",
        "sequence",
    ]
    list_select_related = ["day", "day__edition"]
    list_filter = [
        edition_filter("day__edition"),
        "day",
        "kind",
        "space",
        "status",
        "is_published",
        "audience",
        "language",
    ]
    search_fields = ["title_fr", "title_nl", "title_en", "public_id", "speakers__name"]
    autocomplete_fields = ["speakers"]
    filter_horizontal = ["themes"]
    date_hierarchy = "starts_at"
    readonly_fields = ["public_id", "uid", "sequence", "created_at", "last_modified"]
    inlines = [SessionChangeInline]
    actions = ["cancel_sessions", "reinstate_sessions", "publish_sessions"]
    fieldsets = [
        (None, {"fields": ["kind", "title", "description", "language", "audience"]}),
        (_("When and where"), {"fields": ["day", "starts_at", "ends_at", "space", "capacity"]}),
        (_("People and themes"), {"fields": ["speakers", "themes"]}),
        (
            _("Accessibility"),
            {"fields": ["step_free", "interpretation", "subtitles", "sign_language", "quiet_space"]},
        ),
        (_("Publication"), {"fields": ["status", "is_published"]}),
        (_("Calendar"), {"fields": ["public_id", "uid", "sequence", "created_at", "last_modified"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("day", "space")

    def save_model(self, request, obj, form, change) -> None:
        save_session(session=obj)

    @admin.action(description=_("Cancel the selected sessions"))
    def cancel_sessions(self, request, queryset) -> None:
        sessions = list(queryset.filter(status=SessionStatus.SCHEDULED))
        for session in sessions:
            cancel_session(session=session)
        count = len(sessions)
        self.message_user(
            request,
            ngettext("%(count)d session cancelled.", "%(count)d sessions cancelled.", count)
            % {"count": count},
        )

    @admin.action(description=_("Put the selected sessions back on the programme"))
    def reinstate_sessions(self, request, queryset) -> None:
        done = 0
        for session in queryset.filter(status=SessionStatus.CANCELLED):
            try:
                reinstate_session(session=session)
            except ValidationError as error:
                self.message_user(request, f"{session}: {' '.join(error.messages)}", level=messages.ERROR)
            else:
                done += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d session back on the programme.", "%(count)d sessions back on the programme.", done
            )
            % {"count": done},
        )

    @admin.action(description=_("Publish the selected sessions"))
    def publish_sessions(self, request, queryset) -> None:
        count = 0
        for session in queryset.filter(is_published=False):
            session.is_published = True
            save_session(session=session)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d session published.", "%(count)d sessions published.", count)
            % {"count": count},
        )


@admin.register(SessionChange)
class SessionChangeAdmin(admin.ModelAdmin):
    list_display = ["session", edition_column("session__day__edition"), "kind", "changed_at"]
    list_select_related = ["session", "session__day", "session__day__edition"]
    list_filter = ["kind", edition_filter("session__day__edition")]
    search_fields = ["session__title_fr", "session__title_nl", "session__title_en"]
    readonly_fields = [
        "session",
        "kind",
        "changed_at",
        "old_starts_at",
        "old_ends_at",
        "new_starts_at",
        "new_ends_at",
        "old_space",
        "new_space",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
