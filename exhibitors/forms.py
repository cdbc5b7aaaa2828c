from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.validators import validate_person_name
from events.enums import SpaceKind
from events.models import Edition, Space

from .enums import StaffLanguage
from .logos import ACCEPT_ATTRIBUTE
from .models import PROFILE_FIELDS, Activity, Category, Exhibitor, Stand


def https_urls(field: models.Field, **kwargs) -> forms.Field | None:
    """Addresses typed without a scheme are read as https (Django 6's default)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name or description"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    hall = forms.ChoiceField(label=_("Hall"), required=False)

    def __init__(self, *args, edition: Edition, categories: list[Category], halls: list[Space], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories"))] + [(c.slug, c.name) for c in categories]
        self.fields["hall"].choices = [("", _("All halls"))] + [
            (h.slug, h.name) for h in halls if h.kind == SpaceKind.HALL
        ]

    def values(self) -> dict[str, str]:
        """The filters to apply: invalid values (an old link, a typo) are simply ignored."""
        if self.is_valid():
            return {key: self.cleaned_data.get(key) or "" for key in ("q", "category", "hall")}
        return {
            key: "" if key in self.errors else (self.data.get(key) or "").strip()
            for key in ("q", "category", "hall")
        }


class StandFinderForm(forms.Form):
    """The floor plan's stand finder: a code, as printed on the floor, looked up in the edition's stands."""

    stand = forms.CharField(
        label=_("Find a stand by its code"),
        help_text=_("As printed on the floor, for example B12."),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "size": "8"}),
    )

    def __init__(self, data=None, *, edition: Edition) -> None:
        super().__init__(data, auto_id="plan-%s")
        self.edition = edition

    def clean_stand(self) -> Stand | None:
        code = self.cleaned_data["stand"]
        if not code:
            return None
        stand = Stand.objects.filter(edition=self.edition, code__iexact=code).select_related("hall").first()
        if stand is None:
            raise forms.ValidationError(
                _("There is no stand “%(code)s”. Check the code on the floor or in the list below."),
                code="unknown",
                params={"code": code},
            )
        return stand

    def chosen(self) -> Stand | None:
        """The stand asked for, or None (no code, or one that is not on the plan: the form says so)."""
        return self.cleaned_data.get("stand") if self.is_bound and self.is_valid() else None


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Exhibitor
        formfield_callback = https_urls
        fields = list(PROFILE_FIELDS)
        labels = {
            "description_fr": _("Description in French"),
            "description_nl": _("Description in Dutch"),
            "description_en": _("Description in English"),
            "website": _("Website"),
        }
        help_texts = {
            "description_fr": _("What visitors will see and do on your stand, in a few sentences."),
            "website": _("The full address, like https://www.example.be"),
        }
        widgets = {
            "description_fr": forms.Textarea(attrs={"rows": 5, "lang": "fr"}),
            "description_nl": forms.Textarea(attrs={"rows": 5, "lang": "nl"}),
            "description_en": forms.Textarea(attrs={"rows": 5, "lang": "en"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.URLField):  # "Enter a valid URL." did not say which of six links
                field.error_messages["invalid"] = gettext(
                    "Enter the full address for “{label}”, like https://www.example.be"
                ).format(label=field.label)


class LogoForm(forms.Form):
    logo = forms.FileField(
        label=_("Logo"),
        help_text=_("PNG, JPEG, WebP or GIF, at most 2 MB and at least 64 × 64 pixels."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
        error_messages={"required": _("Choose an image file to upload.")},
    )


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["title_fr", "title_nl", "title_en", "description_fr", "description_nl", "description_en"]
        labels = {
            "title_fr": _("Title in French"),
            "title_nl": _("Title in Dutch"),
            "title_en": _("Title in English"),
            "description_fr": _("Description in French"),
            "description_nl": _("Description in Dutch"),
            "description_en": _("Description in English"),
        }
        widgets = {
            "title_fr": forms.TextInput(attrs={"lang": "fr"}),
            "title_nl": forms.TextInput(attrs={"lang": "nl"}),
            "title_en": forms.TextInput(attrs={"lang": "en"}),
            "description_fr": forms.Textarea(attrs={"rows": 3, "lang": "fr"}),
            "description_nl": forms.Textarea(attrs={"rows": 3, "lang": "nl"}),
            "description_en": forms.Textarea(attrs={"rows": 3, "lang": "en"}),
        }

    def clean(self):
        data = super().clean()
        if not any(data.get(f"title_{language}") for language in ("fr", "nl", "en")):
            self.add_error("title_fr", _("Give the activity a title, in French, Dutch or English."))
        return data


class StaffForm(forms.Form):
    name = forms.CharField(
        label=_("Full name"),
        max_length=120,
        help_text=_("As printed on the badge."),
        validators=[validate_person_name],
        error_messages={"required": _("Enter the name of the staff member.")},
    )
    email = forms.EmailField(
        label=_("Email (optional)"),
        required=False,
        help_text=_("We send the badge there. Leave empty to download it yourself."),
        error_messages={"invalid": _("Enter an email address like name@example.com")},
    )
    language = forms.ChoiceField(label=_("Language of the badge and the mail"), choices=StaffLanguage)


class ImportForm(forms.Form):
    edition = forms.ModelChoiceField(label=_("Edition"), queryset=Edition.objects.all())
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "First row: the column names. Columns: name, slug, categories (slugs separated by “;”), "
            "description_fr, description_nl, description_en, website, contact_name, contact_email, "
            "contact_phone, contact_language, stand."
        ),
    )
