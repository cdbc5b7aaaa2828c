from django.contrib import admin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline

from .models import ArrivalWindow, Day, Edition, Space, Theme


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
    list_filter = ["edition", "audience"]
    search_fields = ["edition__name"]
    ordering = ["-date"]
    inlines = [ArrivalWindowInline]


@admin.register(Space)
class SpaceAdmin(TabbedTranslationAdmin):
    list_display = ["name", "edition", "kind", "capacity", "step_free", "hearing_loop", "quiet_room"]
    list_filter = ["edition", "kind", "step_free", "hearing_loop"]
    search_fields = ["name", "slug"]
    ordering = ["edition", "position", "slug"]


@admin.register(Theme)
class ThemeAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name_fr"]}
