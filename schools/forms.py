from __future__ import annotations

from django import forms
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.validators import RegexValidator
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.email_typos import suggest_email
from core.forms import LanguageRadioSelect
from core.validators import validate_person_name
from events.forms import QueryFilterForm

from .enums import Channel, Language, Level, Network
from .models import WorkshopSlot


def _required(message):
    return {"required": message}


def _count_field(label, bounds: tuple[int, int], **error_messages) -> forms.IntegerField:
    """A number of people typed on a phone's numeric keypad, with a sentence for each way it can be wrong."""
    return forms.IntegerField(
        label=label,
        min_value=bounds[0],
        max_value=bounds[1],
        error_messages=error_messages,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class LevelForm(forms.Form):
    """Step one: the class's level (and language), before the workshops that suit it are shown."""

    level = forms.ChoiceField(
        label=_("Your class's level"),
        help_text=_("We show only the workshops that suit it and still have places."),
        choices=[("", _("Choose a level")), *list(Level.choices)],
        error_messages=_required(_("Choose your class's level.")),
    )
    language = forms.ChoiceField(
        label=_("Language of the workshop"),
        choices=[("", _("Any language")), *list(Language.choices)],
        required=False,
    )

    def __init__(self, *args, staff: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if staff:  # the organizers enter a school's request
            self.fields["level"].label = _("The class's level")
            self.fields["level"].error_messages = {
                **self.fields["level"].error_messages,
                "required": _("Choose the class's level."),
            }


class SlotChoiceField(forms.ModelMultipleChoiceField):
    """Any slot of the edition parses; the service says clearly why one cannot be booked."""


class BookingForm(forms.Form):
    # Fields are declared in the order of the page, which the error summary follows.
    error_anchors = {"slots": "slots"}  # the slots are drawn by hand, grouped by time, in #slots

    level = forms.ChoiceField(choices=Level.choices, widget=forms.HiddenInput)
    slots = SlotChoiceField(
        queryset=WorkshopSlot.objects.none(),
        label=_("Workshops"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one workshop."),
            "invalid_choice": _("This workshop slot no longer exists. Choose another."),
            "invalid_pk_value": _("This workshop slot no longer exists. Choose another."),
        },
    )
    school_name = forms.CharField(
        label=_("School name"), max_length=160, error_messages=_required(_("Enter the name of your school."))
    )
    school_address = forms.CharField(
        label=_("Street and number"),
        max_length=200,
        error_messages=_required(_("Enter the school's street and number.")),
    )
    school_postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=4,
        validators=[
            RegexValidator(r"^[1-9][0-9]{3}$", _("Enter a Belgian postal code of 4 digits, like 1000."))
        ],
        error_messages=_required(_("Enter the school's postal code, like 1000.")),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    school_city = forms.CharField(label=_("Municipality"), max_length=80, required=False)
    school_network = forms.ChoiceField(
        label=_("Your school's network"),
        choices=Network.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Choose your school's network: French- or Dutch-speaking.")),
    )
    class_name = forms.CharField(
        label=_("Class name"),
        max_length=60,
        validators=[validate_person_name],
        error_messages=_required(_("Enter the class's name, like 5B.")),
    )
    pupils = _count_field(
        _("Number of pupils"),
        (1, 99),
        required=_("Enter the number of pupils."),
        invalid=_("Enter the number of pupils as a whole number, like 22."),
        min_value=_("Enter the number of pupils: at least 1."),
        max_value=_("A class has at most 99 pupils."),
    )
    adults = _count_field(
        _("Accompanying adults"),
        (0, 30),
        required=_("Enter the number of accompanying adults."),
        invalid=_("Enter the number of adults as a whole number, like 3."),
        min_value=_("Enter the number of accompanying adults."),
        max_value=_("At most 30 adults per class."),
    )
    special_needs = forms.CharField(
        label=_("Special needs (optional)"),
        help_text=_(
            "For example a wheelchair user, a pupil who needs a quiet space, an interpreter. "
            "This helps the workshop leaders prepare."
        ),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    teacher_name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        validators=[validate_person_name],
        error_messages=_required(_("Enter your name.")),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    teacher_email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We send the confirmation link, then the PDF with the group ticket."),
        error_messages={
            "required": _("Enter your email address: we send the confirmation link there."),
            "invalid": _("Enter an email address like name@school.be."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    teacher_mobile = forms.CharField(
        label=_("Your mobile phone number"),
        help_text=_("To reach you on the day if something changes."),
        max_length=32,
        validators=[RegexValidator(r"^\+?[0-9 ./()-]{8,}$", _("Enter a phone number like 0470 12 34 56."))],
        error_messages=_required(_("Enter a mobile number we can call on the day.")),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    language = forms.ChoiceField(
        label=_("Language of our mails"), choices=Language.choices, widget=LanguageRadioSelect
    )

    def __init__(self, *args, edition=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.email_suggestion = suggest_email(self.data.get("teacher_email", "")) if self.is_bound else None
        self.fields["slots"].queryset = WorkshopSlot.objects.filter(day__edition=edition).select_related(
            "workshop", "day__edition", "space"
        )
        if school_settings := getattr(edition, "school_settings", None):
            self.fields["adults"].help_text = _(
                "At least one adult per {primary} pupils in primary and one per {secondary} in secondary."
            ).format(
                primary=school_settings.pupils_per_adult_primary,
                secondary=school_settings.pupils_per_adult_secondary,
            )


class StaffBookingForm(BookingForm):
    """The organizers enter a school's request: the form speaks of the school and the teacher, not "you"."""

    channel = forms.ChoiceField(
        label=_("Request received"),
        choices=[c for c in Channel.choices if c[0] != Channel.ONLINE],
        widget=forms.RadioSelect,
        error_messages=_required(_("Choose how the request reached us.")),
    )

    STAFF_WORDING = {
        "school_network": (_("The school's network"), None),
        "teacher_name": (_("Teacher's name"), None),
        "teacher_email": (
            _("Teacher's email address"),
            _("We send the teacher the PDF with the group ticket."),
        ),
        "teacher_mobile": (
            _("Teacher's mobile phone number"),
            _("To reach the teacher on the day if something changes."),
        ),
        "language": (_("Language of the teacher's mails"), None),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, (label, help_text) in self.STAFF_WORDING.items():
            self.fields[name].label = label
            if help_text is not None:
                self.fields[name].help_text = help_text
            self.fields[name].widget.attrs["autocomplete"] = "off"  # someone else's details
        self.fields["teacher_name"].error_messages = {
            **self.fields["teacher_name"].error_messages,
            "required": _("Enter the teacher's name."),
        }
        self.fields["teacher_email"].error_messages = {
            **self.fields["teacher_email"].error_messages,
            "required": _("Enter the teacher's email address: we send the group ticket there."),
        }


class HeadcountForm(forms.Form):
    pupils = BookingForm.base_fields["pupils"]
    adults = BookingForm.base_fields["adults"]


class SlotForm(forms.Form):
    """Choose one slot (add a workshop, or swap to another); the prefix says which, and so the hint."""

    HINTS = {
        "add": _(
            "Only workshops with room for your class that do not overlap its other workshops can be booked."
        ),
        "wait": _("Full workshops: join the waiting list and we offer you the places when they are freed."),
    }

    new_slot = forms.ModelChoiceField(
        queryset=WorkshopSlot.objects.none(),
        label=_("Workshop"),
        error_messages={
            "required": _("Choose a workshop slot."),
            "invalid_choice": _("This workshop slot no longer exists. Choose another."),
        },
    )

    def __init__(self, *args, edition=None, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_slot"].help_text = self.HINTS.get(self.prefix, "")
        self.fields["new_slot"].queryset = WorkshopSlot.objects.filter(day__edition=edition).select_related(
            "workshop", "day", "space"
        )
        if choices is not None:
            self.fields["new_slot"].choices = [("", _("Choose a workshop"))] + [
                (slot.pk, slot_label(slot)) for slot in choices
            ]


def slot_label(slot: WorkshopSlot) -> str:
    left = getattr(slot, "places_left", None)
    base = (
        f"{slot.starts_at:%H:%M}–{slot.ends_at:%H:%M} · {slot.workshop.title} · {slot.get_language_display()}"
    )
    if left is None:
        return base
    n = max(left, 0)
    return f"{base} · " + ngettext("{n} place left", "{n} places left", n).format(n=intcomma(n))


class LanguageSelect(forms.Select):
    """A select whose options are languages, each option marked with its own language (`lang`)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option


class CatalogueFilterForm(QueryFilterForm):
    """The catalogue's filters, read from the query string: a value the page does not offer (an old link, a
    day of another edition, a typo) is ignored, and the catalogue shows everything for that filter."""

    FIELDS = ("level", "language", "theme", "day", "time")

    level = forms.ChoiceField(label=_("Level"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False, widget=LanguageSelect)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    day = forms.ChoiceField(label=_("Day"), required=False)
    time = forms.ChoiceField(label=_("Starting time"), required=False)

    def __init__(self, data=None, *, themes, days, times: list[str]) -> None:
        super().__init__(data, auto_id="f-%s")
        fields = self.fields
        fields["level"].choices = [("", _("All levels")), *Level.choices]
        fields["language"].choices = [("", _("Any language")), *Language.choices]
        fields["theme"].choices = [("", _("All themes"))] + [(t.slug, t.name) for t in themes]
        fields["day"].choices = [("", _("All days"))] + [
            (str(d.pk), date_format(d.date, "l j F")) for d in days
        ]
        fields["time"].choices = [("", _("Any time"))] + [(t, t) for t in times]

    def values(self) -> dict[str, str]:
        """The filters to apply, each "" when absent or not one the page offers."""
        self.ignore_invalid()
        cleaned = self.cleaned_data if self.is_bound else {}
        return {key: cleaned.get(key) or "" for key in self.FIELDS}
