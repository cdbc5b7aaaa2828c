"""The console's forms: query strings parsed by a form, actions carried with a nonce."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from events.models import Day, Edition
from tickets.enums import Channel


def new_nonce() -> str:
    return uuid.uuid4().hex


class EditionForm(forms.Form):
    edition = forms.ModelChoiceField(
        queryset=Edition.objects.order_by("-starts_on"),
        to_field_name="slug",
        required=False,
        empty_label=None,
        label=_("Edition"),
    )


class NonceForm(forms.Form):
    """Every action form: its nonce makes a second sending of the same form do nothing."""

    nonce = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)


class DayChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Day) -> str:
        return date_format(obj.date, "l j F Y")


class RegistrationStatus:
    ACTIVE = "active"
    CANCELLED = "cancelled"
    ANONYMIZED = "anonymized"
    CHOICES = (
        ("", _("Any status")),
        (ACTIVE, _("Holds valid tickets")),
        (CANCELLED, _("All tickets cancelled")),
        (ANONYMIZED, _("Anonymized")),
    )


class RegistrationFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,  # a whole QR code read by a handheld scanner is 132 characters
        help_text=_("Name, e-mail, phone, postal code, or the ticket number printed on a ticket."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}),
    )
    day = DayChoiceField(queryset=Day.objects.none(), required=False, label=_("Day"))
    channel = forms.ChoiceField(
        choices=[("", _("Any channel")), *Channel.choices], required=False, label=_("Channel")
    )
    status = forms.ChoiceField(choices=RegistrationStatus.CHOICES, required=False, label=_("Status"))
    needs = forms.BooleanField(required=False, label=_("With accessibility needs"))
    waiting = forms.BooleanField(required=False, label=_("From the waiting list"))
    page = forms.IntegerField(required=False, min_value=1, max_value=100_000, widget=forms.HiddenInput)

    def __init__(self, *args, edition: Edition | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        days = Day.objects.filter(edition=edition).order_by("date") if edition else Day.objects.none()
        self.fields["day"].queryset = days
        self.fields["day"].empty_label = _("Any day")


class CompanionForm(NonceForm):
    first_name = forms.CharField(label=_("Companion's first name (optional)"), required=False, max_length=60)
    people_seen = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class MoveForm(NonceForm):
    from_day = DayChoiceField(queryset=Day.objects.none(), label=_("From"))
    to_day = DayChoiceField(queryset=Day.objects.none(), label=_("To"))

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        days = Day.objects.filter(edition=edition).order_by("date")
        self.fields["from_day"].queryset = days
        self.fields["to_day"].queryset = days


class CapacityForm(NonceForm):
    capacity = forms.IntegerField(label=_("New capacity"), min_value=1, max_value=1_000_000)
