import datetime as dt

from django.conf import settings
from django.urls import reverse
from ninja import Field, Schema

from core.api_types import LocalTime

from .enums import AccessibilityTag, ChangeKind, SessionAudience, SessionKind, SpokenLanguage


class ThemeOut(Schema):
    slug: str
    name: str
    description: str


class SpaceOut(Schema):
    slug: str
    name: str
    kind: str
    capacity: int
    step_free: bool
    hearing_loop: bool
    quiet_room: bool
    accessibility_notes: str


class SpaceRef(Schema):
    slug: str
    name: str


class DayOut(Schema):
    date: dt.date
    opens_at: dt.datetime = Field(..., alias="starts")
    closes_at: dt.datetime = Field(..., alias="ends")
    audience: str
    public_from: LocalTime | None


class SpeakerRef(Schema):
    slug: str
    name: str
    organisation: str


class SpeakerOut(SpeakerRef):
    bio: str
    photo_url: str | None
    url: str

    @staticmethod
    def resolve_photo_url(obj) -> str | None:
        return f"{settings.SITE_URL}{obj.photo.url}" if obj.photo else None

    @staticmethod
    def resolve_url(obj) -> str:
        return f"{settings.SITE_URL}{reverse('events:speaker-detail', kwargs={'slug': obj.slug})}"


class ThemeRef(Schema):
    slug: str
    name: str


class SessionOut(Schema):
    id: str = Field(..., alias="public_id")
    uid: str
    kind: SessionKind
    kind_label: str
    title: str
    description: str
    language: SpokenLanguage
    starts_at: dt.datetime
    ends_at: dt.datetime
    day: dt.date
    space: SpaceRef
    themes: list[ThemeRef]
    speakers: list[SpeakerRef]
    audience: SessionAudience
    accessibility: list[AccessibilityTag]
    capacity: int | None
    status: str
    sequence: int
    last_modified: dt.datetime
    url: str
    ics_url: str

    @staticmethod
    def resolve_uid(obj) -> str:
        return obj.ical_uid

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_day(obj) -> dt.date:
        return obj.day.date

    @staticmethod
    def resolve_themes(obj) -> list:
        return list(obj.themes.all())

    @staticmethod
    def resolve_speakers(obj) -> list:
        return list(obj.speakers.all())

    @staticmethod
    def resolve_accessibility(obj) -> list:
        return obj.accessibility_tags

    @staticmethod
    def resolve_url(obj) -> str:
        return f"{settings.SITE_URL}{reverse('events:session-detail', kwargs={'public_id': obj.public_id})}"

    @staticmethod
    def resolve_ics_url(obj) -> str:
        return f"{settings.SITE_URL}{reverse('feeds:session', kwargs={'public_id': obj.public_id})}"


class EditionOut(Schema):
    slug: str
    name: str
    tagline: str
    starts_on: dt.date
    ends_on: dt.date
    venue_name: str
    venue_address: str
    registration_opens_at: dt.datetime
    registration_closes_at: dt.datetime
    is_current: bool = Field(description="The edition the site and the API show by default.")
    url: str = Field(description="The edition's page on the site.")
    sessions_url: str = Field(description="Its sessions in this API.")
    changes_url: str = Field(description="Its programme's change log in this API.")
    schedule_url: str = Field(description="Its whole schedule in the frab/c3voc JSON format.")


class SessionRef(Schema):
    id: str
    title: str
    url: str


class ChangeOut(Schema):
    """One line of the programme's change log: a published session got a new time, place or status."""

    id: int
    session: SessionRef
    kind: ChangeKind
    kind_label: str
    changed_at: dt.datetime
    old_starts_at: dt.datetime | None
    old_ends_at: dt.datetime | None
    new_starts_at: dt.datetime | None
    new_ends_at: dt.datetime | None
    old_space: SpaceRef | None
    new_space: SpaceRef | None
