from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from events.enums import SpaceKind
from events.models import Day, Edition


def day_label(day: Day) -> str:
    return date_format(day.date, "l j F")


@dataclass(frozen=True)
class Places:
    """Where a talk of `edition` may go: its days, and its stages and workshop rooms (every space while it has
    none of those). Read once, then shared by every form of the schedule page, so that the page's queries
    do not grow with its talks."""

    days: QuerySet
    spaces: QuerySet
    day_choices: list
    space_choices: list

    @classmethod
    def of(cls, edition: Edition) -> Places:
        days = edition.days.all()
        talk_spaces = edition.spaces.filter(kind__in=[SpaceKind.STAGE, SpaceKind.WORKSHOP_ROOM])
        spaces = talk_spaces if talk_spaces.exists() else edition.spaces.all()
        day_field = forms.ModelChoiceField(queryset=days, empty_label=None)
        day_field.label_from_instance = day_label
        space_field = forms.ModelChoiceField(queryset=spaces, empty_label=None)
        return cls(days, spaces, list(day_field.choices), list(space_field.choices))


class ScheduleForm(forms.Form):
    """Where and when a confirmed talk takes place."""

    day = forms.ModelChoiceField(label=_("Day"), queryset=None, empty_label=None)
    space = forms.ModelChoiceField(label=_("Space"), queryset=None, empty_label=None)
    starts = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time", "step": 300})
    )

    def __init__(self, *args, edition: Edition, places: Places | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        places = places or Places.of(edition)
        self.fields["day"].queryset = places.days
        self.fields["day"].label_from_instance = day_label
        self.fields["day"].choices = places.day_choices
        self.fields["space"].queryset = places.spaces
        self.fields["space"].choices = places.space_choices
