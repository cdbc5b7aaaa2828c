"""The back office keeps the console's rule on capacities: a day's capacity (in the day's page and in an
edition's days) cannot go below the places already taken. Staff actions are listed, read only."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _

from events import admin as events_admin
from events.models import Day, Edition
from tickets.services import places_issued

from .models import StaffAction


class DayCapacityForm(forms.ModelForm):
    def clean_capacity(self) -> int:
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk and capacity is not None and capacity != self.instance.capacity:
            issued = places_issued(day=Day.objects.get(pk=self.instance.pk))
            if capacity < issued:
                raise forms.ValidationError(
                    _("{issued} places are already taken on this day: the capacity cannot be lower.").format(
                        issued=issued
                    )
                )
        return capacity


class DayAdmin(events_admin.DayAdmin):
    form = DayCapacityForm


class DayInline(events_admin.DayInline):
    form = DayCapacityForm


class EditionAdmin(events_admin.EditionAdmin):
    inlines = [DayInline, *events_admin.EditionAdmin.inlines[1:]]


for model, model_admin in ((Day, DayAdmin), (Edition, EditionAdmin)):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)


@admin.register(StaffAction)
class StaffActionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user_name", "kind", "registration", "details"]
    list_filter = ["kind"]
    search_fields = ["user_name", "details", "registration__name", "registration__public_id"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
