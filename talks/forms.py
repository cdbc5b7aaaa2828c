from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.validators import validate_person_name
from events.models import Theme
from events.services import prepare_speaker_photo

from .enums import MailLanguage, TalkLanguage
from .models import Call, Proposal
from .services.submission import ProposalData, SpeakerData

MAX_SPEAKERS = 4
PHOTO_ACCEPT = "image/jpeg,image/png,image/webp"


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title of the talk"), max_length=200)
    abstract = forms.CharField(
        label=_("Abstract"),
        max_length=3000,
        help_text=_("What the audience will learn or see, in a few paragraphs (at most 3,000 characters)."),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    format = forms.ChoiceField(label=_("Format"), widget=forms.RadioSelect)
    language = forms.ChoiceField(
        label=_("Language of the talk"), choices=TalkLanguage, widget=forms.RadioSelect
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=Theme.objects.none(), empty_label=_("Choose a theme")
    )
    available_days = forms.ModelMultipleChoiceField(
        label=_("Days the speakers can come"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one day the speakers can come.")},
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs (optional)"),
        required=False,
        max_length=1000,
        help_text=_("A ramp, a seat on stage, a sign language interpreter… Deleted after the fair."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contact_email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("We send the link to your proposal and our decision there."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_language = forms.ChoiceField(
        label=_("Language of our mails"), choices=MailLanguage, widget=forms.RadioSelect
    )

    def __init__(self, *args, call: Call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = [(f.value, f.label) for f in call.formats]
        themes = call.themes.all() if call.themes.exists() else call.edition.themes.all()
        self.fields["theme"].queryset = themes if themes.exists() else Theme.objects.all()
        self.fields["available_days"].queryset = call.edition.days.all()
        self.fields["available_days"].label_from_instance = lambda day: date_format(day.date, "l j F Y")

    def data_for_service(self) -> ProposalData:
        data = self.cleaned_data
        return ProposalData(
            title=data["title"],
            abstract=data["abstract"],
            format=data["format"],
            language=data["language"],
            theme=data["theme"],
            contact_email=data["contact_email"].strip(),
            contact_language=data["contact_language"],
            accessibility_needs=data["accessibility_needs"],
            available_days=list(data["available_days"]),
        )

    @staticmethod
    def initial_for(proposal: Proposal) -> dict:
        return {
            "title": proposal.title,
            "abstract": proposal.abstract,
            "format": proposal.format,
            "language": proposal.language,
            "theme": proposal.theme_id,
            "available_days": [day.pk for day in proposal.available_days.all()],
            "accessibility_needs": proposal.accessibility_needs,
            "contact_email": proposal.contact_email,
            "contact_language": proposal.contact_language,
        }


class SpeakerForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        validators=[validate_person_name],
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    organisation = forms.CharField(label=_("Organisation (optional)"), max_length=160, required=False)
    bio = forms.CharField(
        label=_("Short biography (optional)"),
        max_length=1200,
        required=False,
        help_text=_("Two or three sentences, shown on the programme if the talk is selected."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    photo = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 8 MB; resized to 600 pixels."),
        widget=forms.ClearableFileInput(attrs={"accept": PHOTO_ACCEPT}),
    )
    photo_consent = forms.BooleanField(
        label=_("I agree that this photo is published on the programme if the talk is selected."),
        required=False,
    )

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "content_type"):
            try:
                return prepare_speaker_photo(upload=photo)
            except ValidationError as error:
                raise ValidationError(error.messages) from error
        return None

    def clean(self):
        data = super().clean()
        if data.get("photo") and not data.get("photo_consent"):
            self.add_error("photo_consent", _("Tick this box to send the photo, or leave the photo out."))
        return data

    def data_for_service(self) -> SpeakerData:
        data = self.cleaned_data
        return SpeakerData(
            id=data.get("id"),
            name=data["name"],
            organisation=data["organisation"],
            bio=data["bio"],
            photo=data.get("photo"),
            photo_consent=data["photo_consent"],
        )


class BaseSpeakerFormSet(forms.BaseFormSet):
    def speakers(self) -> list[SpeakerData]:
        return [f.data_for_service() for f in self.forms if f.has_changed() or f.cleaned_data.get("id")]


SpeakerFormSet = forms.formset_factory(
    SpeakerForm,
    formset=BaseSpeakerFormSet,
    extra=2,
    min_num=1,
    max_num=MAX_SPEAKERS,
    validate_min=True,
    validate_max=True,
    absolute_max=MAX_SPEAKERS,
)


def speaker_formset(data=None, files=None, *, proposal: Proposal | None = None) -> BaseSpeakerFormSet:
    initial = None
    if proposal is not None:
        initial = [
            {
                "id": s.pk,
                "name": s.name,
                "organisation": s.organisation,
                "bio": s.bio,
                "photo_consent": s.photo_consent,
            }
            for s in proposal.speakers.all()
        ]
    formset = SpeakerFormSet(data, files, prefix="speakers", initial=initial)
    if proposal is not None:
        formset.extra = max(0, 1 if len(initial) < MAX_SPEAKERS else 0)
    return formset


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else single(data, initial)


class SlidesForm(forms.Form):
    files = MultipleFileField(
        label=_("Your 20 slides"),
        help_text=_(
            "Either one PDF of exactly 20 pages, or 20 images (JPEG, PNG or WebP, in the order of their "
            "file names). Landscape, 16:9 or 4:3; at most 20 MB a file."
        ),
        widget=MultipleFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}),
        error_messages={"required": _("Choose your slides: one PDF or 20 images.")},
    )

    @property
    def uploads(self) -> list:
        return self.cleaned_data["files"]
