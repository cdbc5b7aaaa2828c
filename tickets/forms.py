from __future__ import annotations

from django import forms
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, validate_email
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from core.email_typos import suggest_email
from core.forms import LanguageRadioSelect
from core.validators import validate_person_name
from events.models import Day, Edition

from . import conf
from .enums import Channel, Language
from .post_forms import add_postal_fields, clean_postal_address
from .services import places_left, places_left_of_days, public_days

EMAIL_MESSAGE = _("Enter an email address like name@example.com.")


def email_check(value: str) -> dict:
    """What the email field says as the visitor leaves it: a message if the address is not valid, else a
    suggestion if its domain looks like a typo of a common one (never blocking: the address stays theirs)."""
    value = value.strip()
    try:
        validate_email(value)
    except ValidationError:
        return {"error": str(EMAIL_MESSAGE) if value else "", "suggestion": None}
    return {"error": "", "suggestion": suggest_email(value)}


postal_code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9 -]{2,9}$", _("Enter a postal code like 1000, or leave it empty.")
)


def day_label(day: Day) -> str:
    return date_format(day.date, "l j F")


def day_choice_errors(required: str) -> dict:
    return {"required": required, "invalid_choice": _("Choose one of the days listed.")}


class PublicForm(forms.Form):
    """What the visitors' forms share: the page's language chosen by default, and the `website` honeypot
    (each form declares it, where its template places it) that people leave empty and bots fill in."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault(
            "language", get_language() if get_language() in Language.values else "fr"
        )
        super().__init__(*args, **kwargs)

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty."))
        return ""


class RegistrationForm(PublicForm):
    """The visitor's form; staff use it too (`staff=True`: no email needed, a channel, no honeypot)."""

    error_anchors = {"days": "days-legend"}  # the days are drawn by hand, with their places left

    # No id on the hidden input: its error message takes the field's id, the summary's link target.
    edition = forms.CharField(widget=forms.HiddenInput(attrs={"id": False}))
    days = forms.MultipleChoiceField(
        label=_("Which days will you come?"),
        widget=forms.CheckboxSelectMultiple,
        error_messages=day_choice_errors(_("Choose at least one day.")),
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        validators=[validate_person_name],
        error_messages={"required": _("Enter your name."), "max_length": _("Enter at most 120 characters.")},
    )
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We send your tickets and the link to manage them to this address."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": EMAIL_MESSAGE, "invalid": EMAIL_MESSAGE},
    )
    language = forms.ChoiceField(
        label=_("Language for your tickets and emails"),
        choices=Language.choices,
        widget=LanguageRadioSelect,
        error_messages={"required": _("Choose a language."), "invalid_choice": _("Choose a language.")},
    )
    postal_code = forms.CharField(
        label=_("Postal code (optional)"),
        help_text=_("Only for our anonymous statistics on where visitors come from."),
        required=False,
        max_length=10,
        validators=[postal_code_validator],
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    companions = forms.TypedChoiceField(
        label=_("How many people come with you?"),
        help_text=_("Each person gets their own ticket. You can bring up to 5 people."),
        coerce=int,
        initial=0,
        error_messages={"invalid_choice": _("You can bring at most 5 companions.")},
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs (optional)"),
        help_text=_(
            "For example a wheelchair, a hearing loop, a quiet place. Staff use it to prepare your visit; "
            "we delete it after the event."
        ),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    accessibility_consent = forms.BooleanField(
        label=_("I agree that the organizers keep these needs until the end of the event."),
        required=False,
    )
    news_opt_in = forms.BooleanField(
        label=_("Send me news about the next editions (you can unsubscribe at any time)."),
        required=False,
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, edition: Edition, staff: bool = False, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("edition", edition.slug)
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.staff = staff
        self.fields["email"].widget.attrs.update(
            {
                "hx-post": reverse("tickets:check-email"),
                "hx-trigger": "change",
                "hx-target": "#email-check",
                "hx-swap": "innerHTML",
                "spellcheck": "false",
            }
        )
        self.email_suggestion = suggest_email(self.data.get("email", "")) if self.is_bound else None
        self.day_list = public_days(edition)
        self.fields["days"].choices = [(str(day.pk), day_label(day)) for day in self.day_list]
        maximum = conf.max_companions()
        self.fields["companions"].choices = [(n, str(n)) for n in range(maximum + 1)]
        self.companion_fields = []
        for n in range(1, maximum + 1):
            name = f"companion_{n}"
            self.fields[name] = forms.CharField(
                label=_("First name of person {n} (optional)").format(n=n),
                required=False,
                max_length=60,
                widget=forms.TextInput(attrs={"autocomplete": "off"}),
                validators=[validate_person_name],
            )
            self.companion_fields.append(name)
        self.window_fields = {}
        for day in self.day_list:
            windows = list(day.arrival_windows.all())
            if windows:
                name = f"window_{day.pk}"
                self.fields[name] = forms.ChoiceField(
                    label=_("Arrival time on {day}").format(day=day_label(day)),
                    choices=[(str(w.pk), self._window_label(day, w)) for w in windows],
                    widget=forms.RadioSelect,
                    required=False,
                )
                self.window_fields[day.pk] = name
        if staff:
            self._adapt_for_staff()

    def _adapt_for_staff(self) -> None:
        """The desk registers someone else: no email needed, how they registered, no honeypot."""
        self.fields["email"].required = False
        self.fields["email"].help_text = _("Optional: without one, print the tickets now.")
        self.fields["name"].label = _("Visitor's name")
        self.fields["days"].label = _("Which days is the visitor coming?")
        self.fields["language"].label = _("Language of the visitor's tickets and emails")
        self.fields["companions"].label = _("How many people come with the visitor?")
        self.fields["companions"].help_text = _(
            "Each person gets their own ticket. The visitor can bring up to 5 people."
        )
        self.fields["companions"].error_messages["invalid_choice"] = _(
            "The visitor can bring at most 5 companions."
        )
        self.fields["name"].error_messages = {
            **self.fields["name"].error_messages,
            "required": _("Enter the visitor's name."),
        }
        self.fields["days"].error_messages = {
            **self.fields["days"].error_messages,
            "required": _("Choose at least one day for the visitor."),
        }
        self.fields["accessibility_needs"].help_text = _(
            "For example a wheelchair, a hearing loop, a quiet place. Staff use it to prepare the visit; "
            "we delete it after the event."
        )
        self.fields["accessibility_consent"].label = _(
            "The visitor agrees that we keep these needs until the end of the event."
        )
        for name in ("name", "email", "postal_code"):  # the desk types someone else's details
            self.fields[name].widget.attrs["autocomplete"] = "off"
        self.fields["phone"] = forms.CharField(
            label=_("Phone (optional)"),
            required=False,
            max_length=30,
            widget=forms.TextInput(attrs={"autocomplete": "off"}),
        )
        self.fields["channel"] = forms.ChoiceField(
            label=_("How did they register?"),
            choices=[c for c in Channel.choices if c[0] != Channel.ONLINE],
            widget=forms.RadioSelect,
            initial=Channel.DESK,
        )
        add_postal_fields(self)
        del self.fields["website"]
        del self.fields["news_opt_in"]

    @staticmethod
    def _window_label(day: Day, window) -> str:
        hours = f"{window.starts_at:%H:%M} – {window.ends_at:%H:%M}"
        left = places_left(day=day, arrival_window=window)
        if left == 0:
            return _("{hours} (full)").format(hours=hours)
        return ngettext("{hours} ({n} place left)", "{hours} ({n} places left)", left).format(
            hours=hours, n=intcomma(left)
        )

    def clean_edition(self) -> str:
        value = self.cleaned_data["edition"]
        if value != self.edition.slug:
            raise forms.ValidationError(_("This form is out of date. Please reload the page and try again."))
        return value

    def clean(self):
        data = super().clean()
        chosen = {day.pk: day for day in self.day_list if str(day.pk) in data.get("days", [])}
        data["chosen_days"] = list(chosen.values())
        windows = {}
        for day_pk, field in self.window_fields.items():
            if day_pk not in chosen:
                continue
            value = data.get(field)
            window = next((w for w in chosen[day_pk].arrival_windows.all() if str(w.pk) == value), None)
            if window is None:
                self.add_error(field, _("Choose the time you will arrive."))
            windows[day_pk] = window
        data["windows"] = windows
        count = data.get("companions") or 0
        names = [(data.get(field) or "").strip() for field in self.companion_fields]
        filled = [i + 1 for i, value in enumerate(names) if value]
        count = max(count, max(filled, default=0))  # a first name given counts that person in
        data["companion_names"] = names[:count]
        if data.get("accessibility_needs", "").strip() and not data.get("accessibility_consent"):
            self.add_error(
                "accessibility_consent",
                _("Tick this box so that we may keep your accessibility needs, or leave the field empty."),
            )
        if self.staff:
            clean_postal_address(self, data)
        return data

    @property
    def companion_bound_fields(self) -> list:
        """The companions' first-name fields in order, for the template."""
        return [self[name] for name in self.companion_fields]

    @property
    def days_info(self) -> list[dict]:
        """The days with their places left, for the template (one query for all of them)."""
        selected = set(self["days"].value() or [])
        places = places_left_of_days(self.day_list)
        info = []
        for day in self.day_list:
            left = places[day.pk]
            info.append(
                {
                    "day": day,
                    "label": day_label(day),
                    "value": str(day.pk),
                    "places_left": left,
                    "full": left == 0,
                    "checked": str(day.pk) in selected,
                    "window_field": self[self.window_fields[day.pk]]
                    if day.pk in self.window_fields
                    else None,
                }
            )
        return info


class DeskSearchForm(forms.Form):
    """The registration desk's search (name, email or phone): never refused, an overlong query is cut."""

    MAX_LENGTH = 100

    q = forms.CharField(
        label=_("Find a registration to print its tickets again (name, email or phone)"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    def __init__(self, data=None) -> None:
        super().__init__(data, auto_id="desk-%s")

    def clean_q(self) -> str:
        return self.cleaned_data["q"][: self.MAX_LENGTH]

    def query(self) -> str:
        """The words to look for, "" when the desk asked for nothing."""
        return self.cleaned_data["q"] if self.is_bound and self.is_valid() else ""


class EmailForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": EMAIL_MESSAGE, "invalid": EMAIL_MESSAGE},
    )


class CompanionForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name (optional)"),
        required=False,
        max_length=60,
        validators=[validate_person_name],
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    # How many people the page listed when it was shown: a second post of the same page adds no one.
    people_seen = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class DeleteForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my tickets are cancelled and my data deleted for good."),
        error_messages={"required": _("Tick the box to confirm.")},
    )


class WaitingListForm(PublicForm):
    day = forms.ChoiceField(
        label=_("Day"), widget=forms.RadioSelect, error_messages=day_choice_errors(_("Choose a day."))
    )
    places = forms.TypedChoiceField(
        label=_("How many places do you need?"),
        help_text=_("You and the people who come with you."),
        coerce=int,
        error_messages={"invalid_choice": _("You can ask for 1 to 6 places.")},
    )
    name = RegistrationForm.base_fields["name"]
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We write to this address when places free up."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": EMAIL_MESSAGE, "invalid": EMAIL_MESSAGE},
    )
    language = forms.ChoiceField(
        label=_("Language for your emails"), choices=Language.choices, widget=LanguageRadioSelect
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.email_suggestion = suggest_email(self.data.get("email", "")) if self.is_bound else None
        self.day_list = public_days(edition)
        self.fields["day"].choices = [(str(day.pk), self._label(day)) for day in self.day_list]
        self.fields["places"].choices = [(n, str(n)) for n in range(1, conf.max_companions() + 2)]

    @staticmethod
    def _label(day: Day) -> str:
        left = places_left(day=day)
        if left == 0:
            return _("{day} – full").format(day=day_label(day))
        return ngettext("{day} – {n} place left", "{day} – {n} places left", left).format(
            day=day_label(day), n=intcomma(left)
        )

    def clean(self):
        data = super().clean()
        data["day_obj"] = next((d for d in self.day_list if str(d.pk) == data.get("day")), None)
        return data
