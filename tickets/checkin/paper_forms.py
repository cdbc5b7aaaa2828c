"""The paper fallback's forms: which list to print, and the entries read back from a ticked list."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from events.models import Day

from .forms import GateChoiceField
from .models import Gate
from .services.paper import MAX_NUMBERS, normalize_number


class DayChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Day) -> str:
        return date_format(obj.date, "l j F Y")


class PaperAdmitForm(forms.Form):
    """People let in from the paper list: the day and gate of the list, the time, the ticked numbers."""

    day = DayChoiceField(
        label=_("Day of the list"),
        queryset=Day.objects.none(),
        empty_label=None,
        error_messages={"required": _("Choose the day."), "invalid_choice": _("Choose the day.")},
    )
    gate = GateChoiceField(
        label=_("Gate where they were let in"),
        queryset=Gate.objects.none(),
        empty_label=None,
        widget=forms.Select(attrs={"id": "paper-gate"}),
        error_messages={"required": _("Choose the gate."), "invalid_choice": _("Choose the gate.")},
    )
    at = forms.TimeField(
        label=_("Let in at"),
        help_text=_("The time written on the list, like 09:20."),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Enter the time they were let in, like 09:20."),
            "invalid": _("Enter the time they were let in, like 09:20."),
        },
    )
    numbers = forms.CharField(
        label=_("Ticket numbers ticked on the list"),
        help_text=_("One per line, as printed (spaces do not matter)."),
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Enter at least one ticket number from the list.")},
    )
    nonce = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, days=None, gates=None, **kwargs):
        super().__init__(*args, auto_id="paper-%s", **kwargs)
        self.fields["day"].queryset = days if days is not None else Day.objects.none()
        self.fields["gate"].queryset = gates if gates is not None else Gate.objects.none()

    def clean_numbers(self) -> list[str]:
        lines = [line for line in self.cleaned_data["numbers"].splitlines() if normalize_number(line)]
        if not lines:
            raise forms.ValidationError(_("Enter at least one ticket number from the list."))
        if len(lines) > MAX_NUMBERS:
            raise forms.ValidationError(_("Enter at most {n} ticket numbers at once.").format(n=MAX_NUMBERS))
        bad = [line.strip() for line in lines if len(normalize_number(line)) != 16]
        if bad:
            raise forms.ValidationError(
                _("A ticket number has 16 letters and digits; check: {numbers}.").format(
                    numbers=", ".join(bad[:5])
                )
            )
        return lines
