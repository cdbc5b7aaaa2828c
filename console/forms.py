"""The console's forms: query strings parsed by a form, actions carried with a nonce, messages in three
languages."""

from __future__ import annotations

import uuid

from django import forms
from django.http import QueryDict
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from events.models import Day, Edition
from tickets.enums import Channel

from .enums import DAY_AUDIENCES, Audience, MessageKind
from .models import Broadcast

LANGUAGE_NAMES = {"fr": "Français", "nl": "Nederlands", "en": "English"}


class OptionalSelect(forms.Select):
    """A select whose field is never required, so Django needn't read its first choice (a query) to decide
    on the `required` attribute."""

    def use_required_attribute(self, initial) -> bool:
        return False


class EditionForm(forms.Form):
    """Which edition a console page shows: ?edition=<slug>, as everywhere else on the site. Without one, or
    with an unknown one (whose error the field then shows), the page shows the current edition."""

    edition = forms.ModelChoiceField(
        queryset=Edition.objects.order_by("-starts_on"),
        to_field_name="slug",
        required=False,
        empty_label=None,
        label=_("Edition"),
        widget=OptionalSelect,
    )

    @classmethod
    def from_query(cls, query: QueryDict) -> tuple[EditionForm, Edition | None]:
        """The form to show and the edition the page is about."""
        form = cls(query or None)
        edition = form.cleaned_data["edition"] if form.is_valid() else None
        edition = edition or Edition.objects.current() or Edition.objects.order_by("-starts_on").first()
        if not form.is_bound:
            form = cls(initial={"edition": edition.slug if edition else None})
        return form, edition


class ExportScopeForm(forms.Form):
    """An export's edition and, optionally, one of its days; anything else is refused."""

    edition = forms.ModelChoiceField(queryset=Edition.objects.all(), to_field_name="slug")
    day = forms.ModelChoiceField(queryset=Day.objects.all(), required=False)

    def clean(self):
        data = super().clean()
        day, edition = data.get("day"), data.get("edition")
        if day and edition and day.edition_id != edition.pk:
            raise forms.ValidationError(_("This day is not a day of this edition."))
        return data


class BroadcastForm(forms.ModelForm):
    class Meta:
        model = Broadcast
        fields = [
            "audience",
            "day",
            "kind",
            "subject_fr",
            "body_fr",
            "subject_nl",
            "body_nl",
            "subject_en",
            "body_en",
        ]
        widgets = {
            "audience": forms.RadioSelect,
            "kind": forms.RadioSelect,
            **{f"body_{code}": forms.Textarea(attrs={"rows": 8}) for code in LANGUAGE_NAMES},
        }

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.edition = edition
        self.fields["day"].queryset = edition.days.order_by("date")
        self.fields["day"].empty_label = _("No particular day")
        self.fields["day"].help_text = _("Only for the visitors or the schools of one day.")
        self.fields["audience"].error_messages["required"] = _("Choose who receives the message.")
        self.fields["kind"].help_text = _(
            "News goes only to visitors who asked for news when they registered."
        )
        self.fields["audience"].choices = Audience.choices
        self.fields["kind"].choices = MessageKind.choices
        self.fields["kind"].initial = MessageKind.PRACTICAL
        for code in LANGUAGE_NAMES:  # each pair in a fieldset whose legend names the language
            self.fields[f"subject_{code}"].label = _("Subject")
            self.fields[f"body_{code}"].label = _("Message")
            self.fields[f"subject_{code}"].required = self.fields[f"body_{code}"].required = False

    def clean(self):
        data = super().clean()
        audience, day = data.get("audience"), data.get("day")
        if audience in DAY_AUDIENCES and day is None:
            self.add_error("day", _("Choose the day whose visitors or schools receive the message."))
        if audience and audience not in DAY_AUDIENCES:
            data["day"] = None
        if data.get("kind") == MessageKind.NEWS and audience in (Audience.SCHOOLS_DAY, Audience.EXHIBITORS):
            self.add_error("kind", _("News can only go to visitors, who choose to receive it."))
        for part, message in (
            ("subject", _("Write the subject in at least one language.")),
            ("body", _("Write the message in at least one language.")),
        ):
            if not any((data.get(f"{part}_{code}") or "").strip() for code in LANGUAGE_NAMES):
                self.add_error(f"{part}_fr", message)
        return data


def new_nonce() -> str:
    return uuid.uuid4().hex


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
        self.fields["from_day"].empty_label = self.fields["to_day"].empty_label = _("Choose a day")


class CapacityForm(NonceForm):
    capacity = forms.IntegerField(label=_("New capacity"), min_value=1, max_value=1_000_000)
