from __future__ import annotations

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from events.enums import SpaceKind
from events.models import Edition


class ScheduleForm(forms.Form):
    """Where and when a confirmed talk takes place."""

    day = forms.ModelChoiceField(label=_("Day"), queryset=None, empty_label=None)
    space = forms.ModelChoiceField(label=_("Space"), queryset=None, empty_label=None)
    starts = forms.TimeField(
        label=_("Start time"), widget=forms.TimeInput(attrs={"type": "time", "step": 300})
    )

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].queryset = edition.days.all()
        self.fields["day"].label_from_instance = lambda day: date_format(day.date, "l j F")
        spaces = edition.spaces.filter(kind__in=[SpaceKind.STAGE, SpaceKind.WORKSHOP_ROOM])
        self.fields["space"].queryset = spaces if spaces.exists() else edition.spaces.all()
