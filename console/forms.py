from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Day, Edition

from .enums import DAY_AUDIENCES, Audience, MessageKind
from .models import Broadcast

LANGUAGE_NAMES = {"fr": "Français", "nl": "Nederlands", "en": "English"}


class EditionScopeForm(forms.Form):
    """Which edition a console page shows (the current one unless another is asked for)."""

    edition = forms.ModelChoiceField(
        label=_("Edition"), queryset=Edition.objects.order_by("-starts_on"), required=False
    )

    def chosen(self) -> Edition | None:
        if self.is_valid() and self.cleaned_data["edition"]:
            return self.cleaned_data["edition"]
        return Edition.objects.current() or Edition.objects.order_by("-starts_on").first()


class ExportScopeForm(forms.Form):
    """An export's edition and, optionally, one of its days; anything else is refused."""

    edition = forms.ModelChoiceField(queryset=Edition.objects.all())
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
        self.fields["day"].help_text = _("Only for the visitors or the schools of one day.")
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
