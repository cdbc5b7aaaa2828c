"""Forms of the programme: the filters (a GET form shared by the page and, in spirit, the API) and the
speaker photo check in the back office."""

from __future__ import annotations

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from .enums import AccessibilityTag, SessionAudience, SessionKind, SpokenLanguage
from .models import Day, Session, Speaker, Theme
from .services import prepare_speaker_photo


def filter_sessions(
    sessions,
    *,
    theme: Theme | None = None,
    kind: str = "",
    audience: str = "",
    language: str = "",
    access: list[str] | tuple[str, ...] = (),
    q: str = "",
):
    """The programme's filters, shared by the page, the feeds and the API."""
    if theme is not None:
        sessions = sessions.filter(
            Exists(Session.themes.through.objects.filter(session_id=OuterRef("pk"), theme_id=theme.pk))
        )
    if kind:
        sessions = sessions.filter(kind=kind)
    if audience:
        sessions = sessions.filter(audience=audience)
    if language:
        # A bilingual session counts for both of its languages.
        if language in (SpokenLanguage.FR, SpokenLanguage.NL):
            sessions = sessions.filter(language__in=[language, SpokenLanguage.FR_NL])
        else:
            sessions = sessions.filter(language=language)
    for tag in access:
        sessions = sessions.filter(**{tag: True})
    q = q.strip()
    if q:
        speaker_match = Session.speakers.through.objects.filter(session_id=OuterRef("pk")).filter(
            Q(speaker__name__icontains=q) | Q(speaker__organisation__icontains=q)
        )
        text = Q()
        for field in (
            "title_fr",
            "title_nl",
            "title_en",
            "description_fr",
            "description_nl",
            "description_en",
        ):
            text |= Q(**{f"{field}__icontains": q})
        sessions = sessions.filter(text | Exists(speaker_match))
    return sessions


class QueryFilterForm(forms.Form):
    """A filter form read from the query string that ignores, silently, a value it does not offer (an old
    link, a hand-edited address): that filter is left out, the others still apply, and no error is drawn."""

    def ignore_invalid(self) -> None:
        """Drop the values that failed validation and clean again without them."""
        if self.is_bound and self.errors:
            self.data = {key: self.data.get(key) for key in self.data if key not in self.errors}
            self.full_clean()


class ProgrammeFilterForm(forms.Form):
    day = forms.TypedChoiceField(label=_("Day"), required=False, coerce=str)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    kind = forms.ChoiceField(label=_("Kind of session"), required=False)
    audience = forms.ChoiceField(label=_("For whom"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    access = forms.MultipleChoiceField(
        label=_("Accessibility"),
        required=False,
        choices=AccessibilityTag.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("A word from the title, the description or a speaker's name."),
    )

    def __init__(self, data=None, *, days: list[Day], themes: list[Theme]) -> None:
        super().__init__(data)
        self.days = days
        self.themes = {theme.slug: theme for theme in themes}
        self.fields["day"].choices = [(day.date.isoformat(), day.date.isoformat()) for day in days]
        self.fields["theme"].choices = [("", _("All themes")), *((t.slug, t.name) for t in themes)]
        self.fields["kind"].choices = [("", _("All kinds")), *SessionKind.choices]
        self.fields["audience"].choices = [("", _("All audiences")), *SessionAudience.choices]
        self.fields["language"].choices = [
            ("", _("Any language")),
            (SpokenLanguage.FR, SpokenLanguage.FR.label),
            (SpokenLanguage.NL, SpokenLanguage.NL.label),
            (SpokenLanguage.EN, SpokenLanguage.EN.label),
            (SpokenLanguage.NONE, SpokenLanguage.NONE.label),
        ]
        self.fields["day"].error_messages["invalid_choice"] = _("Choose one of the fair's days.")
        self.fields["theme"].error_messages["invalid_choice"] = _("Choose a theme from the list.")
        for name in ("kind", "audience", "language", "access"):
            self.fields[name].error_messages["invalid_choice"] = _("Choose a value from the list.")
        self.fields["q"].widget = forms.TextInput(attrs={"type": "search"})

    def filters(self) -> dict:
        """The valid filters; a field with a bad value is left out (its error is shown next to it)."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return {
            "theme": self.themes.get(data.get("theme") or ""),
            "kind": data.get("kind") or "",
            "audience": data.get("audience") or "",
            "language": data.get("language") or "",
            "access": data.get("access") or [],
            "q": data.get("q") or "",
        }

    def selected_day(self) -> Day | None:
        wanted = self.cleaned_data.get("day") if hasattr(self, "cleaned_data") else None
        for day in self.days:
            if day.date.isoformat() == wanted:
                return day
        return None

    @property
    def is_filtered(self) -> bool:
        filters = self.filters()
        return any(value for value in filters.values())


class SpeakerAdminForm(forms.ModelForm):
    class Meta:
        model = Speaker
        fields = ["slug", "name", "organisation", "bio", "photo"]

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "content_type"):  # a fresh upload, not the stored file
            return prepare_speaker_photo(upload=photo)
        return photo
