from __future__ import annotations

import datetime as dt
import uuid

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.validators import validate_person_name
from events.forms import QueryFilterForm
from events.models import Day, Edition
from tickets.enums import Language, TicketKind

from .models import Gate


class DashboardScopeForm(QueryFilterForm):
    """The dashboard's edition (?edition=<slug>, as everywhere else on the site) and day, read from the query
    string.

    A value it does not know (garbage, an edition that does not exist) is ignored: the current edition, and
    today or else its first day, are shown instead. After `scope()` the selects show the edition and day in
    use, whatever the address asked for.
    """

    edition = forms.ChoiceField(label=_("Edition"), required=False)
    day = forms.DateField(label=_("Day"), required=False, widget=forms.Select)

    def __init__(self, data=None, *, editions: list[Edition]) -> None:
        super().__init__(data if data is not None else {}, auto_id="dashboard-%s")
        self.editions = editions
        self.fields["edition"].choices = [(e.slug, str(e)) for e in editions]

    @property
    def wanted_day(self) -> dt.date | None:
        """The date the address asked for, if it is a date at all."""
        self.ignore_invalid()
        return self.cleaned_data.get("day")

    def scope(self) -> tuple[Edition | None, list[Day], Day | None]:
        """The edition and day to show, and the edition's days (the day select's choices)."""
        self.ignore_invalid()
        wanted = self.cleaned_data.get("edition")
        edition = next((e for e in self.editions if e.slug == wanted), None) or Edition.objects.current()
        days = list(edition.days.order_by("date")) if edition else []
        today = timezone.localdate()
        day = next((d for d in days if d.date == self.wanted_day), None)
        day = day or next((d for d in days if d.date == today), None) or (days[0] if days else None)
        self.fields["day"].widget.choices = [
            (d.date.isoformat(), date_format(d.date, "l j F Y")) for d in days
        ]
        self.data = {
            "edition": edition.slug if edition else "",
            "day": day.date.isoformat() if day else "",
        }
        return edition, days, day


class GateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Gate) -> str:
        return obj.name


class WalkInForm(forms.Form):
    """A visitor who came without a ticket: registered and let in at once."""

    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        help_text=_("As the visitor gives it; first name is enough."),
        validators=[validate_person_name],
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Enter the visitor's name.")},
    )
    people = forms.IntegerField(
        label=_("Number of people"),
        min_value=1,
        max_value=10,
        initial=1,
        help_text=_("The visitor and the people with them, 10 at most."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Enter the number of people, from 1 to 10."),
            "min_value": _("Enter the number of people, from 1 to 10."),
            "max_value": _("Enter the number of people, from 1 to 10."),
            "invalid": _("Enter the number of people, from 1 to 10."),
        },
    )
    postal_code = forms.CharField(
        label=_("Postal code (optional)"),
        max_length=10,
        required=False,
        help_text=_("Where the visitor lives, for our statistics; like 1080."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=Language.choices, initial=Language.FR, widget=forms.RadioSelect
    )
    email = forms.EmailField(
        label=_("Email (optional)"),
        required=False,
        help_text=_("Only if the visitor wants news of the next edition."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={"invalid": _("Enter an email address like name@example.com, or leave it empty.")},
    )
    gate = GateChoiceField(
        label=_("Gate"),
        queryset=Gate.objects.none(),
        empty_label=None,
        error_messages={"required": _("Choose the gate."), "invalid_choice": _("Choose the gate.")},
    )
    nonce = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, gates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gate"].queryset = gates if gates is not None else Gate.objects.none()

    def clean_postal_code(self) -> str:
        code = "".join(self.cleaned_data["postal_code"].split())
        if code and not (code.isdigit() and len(code) == 4):
            raise forms.ValidationError(
                _("Enter a Belgian postal code of 4 digits, like 1080, or leave it empty.")
            )
        return code


class SearchForm(forms.Form):
    """Find a ticket by name; `gate` is where the person found will be let in (the view chooses it)."""

    q = forms.CharField(
        label=_("Name, email or ticket number"),
        min_length=2,
        max_length=120,
        help_text=_("At least 2 characters."),
        error_messages={
            "required": _("Enter at least 2 characters of a name, an email or a ticket number."),
            "min_length": _("Enter at least 2 characters of a name, an email or a ticket number."),
        },
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}),
    )
    # Its own id: the walk-in form on the same page has a gate too.
    gate = GateChoiceField(
        label=_("Gate"),
        queryset=Gate.objects.none(),
        empty_label=None,
        required=False,
        widget=forms.Select(attrs={"id": "search-gate"}),
    )

    def __init__(self, *args, gates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gate"].queryset = gates if gates is not None else Gate.objects.none()


class AdmitForm(forms.Form):
    ticket = forms.CharField(max_length=16)
    gate = forms.IntegerField()
    nonce = forms.UUIDField()
    q = forms.CharField(required=False, max_length=120)


class RehearsalTicketsForm(forms.Form):
    """Rehearsal tickets for one pretend registration: a name per line (the first registers, the others come
    with them), the kind of ticket, and for a school group how many pupils it admits."""

    names = forms.CharField(
        label=_("Names on the tickets"),
        help_text=_("One name per line, up to 20: the first person registers, the others come with them."),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2500,
    )
    kind = forms.ChoiceField(
        label=_("Kind of ticket"),
        choices=[(k.value, k.label) for k in TicketKind if k != TicketKind.EXHIBITOR_STAFF],
        initial=TicketKind.VISITOR,
    )
    headcount = forms.IntegerField(
        label=_("People per ticket"),
        help_text=_("Only for a school group: how many pupils and teachers the ticket admits."),
        min_value=1,
        max_value=60,
        initial=1,
    )

    def clean_names(self) -> list[str]:
        names = [line.strip() for line in self.cleaned_data["names"].splitlines() if line.strip()]
        if not names:
            raise forms.ValidationError(_("Enter at least one name."))
        if len(names) > 20:
            raise forms.ValidationError(_("Enter at most 20 names."))
        for name in names:
            validate_person_name(name)
        return names
