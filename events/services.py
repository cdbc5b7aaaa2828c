from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from .enums import ChangeKind, SessionStatus
from .exceptions import NoEdition, UnknownEdition
from .models import Agenda, Edition, Session, SessionChange, Space, new_agenda_token

# --- Editions --------------------------------------------------------------------------------------


def edition_named(slug: str | None) -> Edition:
    """The published edition with this slug, or the current one without a slug: what every API endpoint
    with an `edition` parameter answers about. Unknown slug: UnknownEdition (422); none published:
    NoEdition (404)."""
    if slug:
        edition = Edition.objects.published().filter(slug=slug).first()
        if edition is None:
            raise UnknownEdition(field="edition")
        return edition
    edition = Edition.objects.current()
    if edition is None:
        raise NoEdition
    return edition


# --- Programme --------------------------------------------------------------------------------------


# Changing one of these tells calendars the event moved: SEQUENCE rises.
SEQUENCE_FIELDS = ("starts_at", "ends_at", "space_id", "day_id", "status", "title_fr", "title_nl", "title_en")
# Changing any of these changes what a feed shows: LAST-MODIFIED moves.
CONTENT_FIELDS = (
    *SEQUENCE_FIELDS,
    "description_fr",
    "description_nl",
    "description_en",
    "kind",
    "language",
    "audience",
    "capacity",
    "is_published",
    "step_free",
    "interpretation",
    "subtitles",
    "sign_language",
    "quiet_space",
)


@transaction.atomic
def save_session(*, session: Session, at: dt.datetime | None = None) -> Session:
    """Validate and save a session (new or changed): the one way organizers' changes reach the database.

    It raises SEQUENCE when the time, place, title or status changes, moves LAST-MODIFIED when anything
    visible changes, and writes the public change log for a published session that got a new time, place
    or status.
    """
    at = at or timezone.now()
    before = Session.objects.select_for_update().filter(pk=session.pk).first() if session.pk else None
    session.full_clean()
    if before is None:
        session.last_modified = at
        _save_guarded(session)
        return session
    changed = {name for name in CONTENT_FIELDS if getattr(before, name) != getattr(session, name)}
    if changed & set(SEQUENCE_FIELDS):
        session.sequence = before.sequence + 1
    if changed:
        session.last_modified = at
    _save_guarded(session)
    if before.is_published:
        _log_changes(before=before, after=session, at=at)
    return session


def _save_guarded(session: Session) -> None:
    """Save; when the database refuses (another organizer took the slot between our check and our write),
    answer with the same clear message as clean() instead of an error page."""
    try:
        with transaction.atomic():
            session.save()
    except IntegrityError as error:
        if "session_no_overlap_in_space" in str(error) or "session_within_day" in str(error):
            raise ValidationError(
                _("Another session took this space at this time a moment ago: choose another time."),
                code="session_clash",
            ) from error
        raise


def _log_changes(*, before: Session, after: Session, at: dt.datetime) -> None:
    if before.status != after.status:
        kind = ChangeKind.CANCELLED if after.status == SessionStatus.CANCELLED else ChangeKind.REINSTATED
        SessionChange.objects.create(session=after, kind=kind, changed_at=at)
    if (before.starts_at, before.ends_at) != (after.starts_at, after.ends_at):
        SessionChange.objects.create(
            session=after,
            kind=ChangeKind.RESCHEDULED,
            changed_at=at,
            old_starts_at=before.starts_at,
            old_ends_at=before.ends_at,
            new_starts_at=after.starts_at,
            new_ends_at=after.ends_at,
        )
    if before.space_id != after.space_id:
        SessionChange.objects.create(
            session=after,
            kind=ChangeKind.MOVED,
            changed_at=at,
            old_space_id=before.space_id,
            new_space_id=after.space_id,
        )


def reschedule_session(
    *,
    session: Session,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    space: Space | None = None,
    at: dt.datetime | None = None,
) -> Session:
    session.starts_at = starts_at
    session.ends_at = ends_at
    if space is not None:
        session.space = space
    day = session.day.edition.days.filter(date=timezone.localdate(starts_at)).first()
    if day is not None:
        session.day = day
    return save_session(session=session, at=at)


def cancel_session(*, session: Session, at: dt.datetime | None = None) -> Session:
    session.status = SessionStatus.CANCELLED
    return save_session(session=session, at=at)


def reinstate_session(*, session: Session, at: dt.datetime | None = None) -> Session:
    session.status = SessionStatus.SCHEDULED
    return save_session(session=session, at=at)


# --- Speaker photos ----------------------------------------------------------------------------------

PHOTO_MAX_BYTES = 8 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000
PHOTO_SIDE = 600
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}


def prepare_speaker_photo(*, upload: UploadedFile) -> ContentFile:
    """Check that an upload is a real JPEG, PNG or WebP image and return it resized, as a clean JPEG.

    Re-encoding drops metadata (EXIF location, camera) and anything hidden after the image data.
    """
    from PIL import Image, ImageOps, UnidentifiedImageError

    if upload.size and upload.size > PHOTO_MAX_BYTES:
        raise ValidationError(
            _("The photo is too large: choose a file of at most 8 MB."), code="photo_too_large"
        )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            image_format = probe.format
            probe.verify()
        upload.seek(0)
        with Image.open(upload) as image:
            if image.width * image.height > PHOTO_MAX_PIXELS:
                raise ValidationError(_("The photo has too many pixels."), code="photo_too_many_pixels")
            image.load()
            image = ImageOps.exif_transpose(image)
            image = image.convert("RGB")
            image.thumbnail((PHOTO_SIDE, PHOTO_SIDE), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("This file is not an image we can read: upload a JPEG, PNG or WebP photo."),
            code="photo_invalid",
        ) from exc
    if image_format not in PHOTO_FORMATS:
        raise ValidationError(
            _("This image format is not accepted: upload a JPEG, PNG or WebP photo."), code="photo_format"
        )
    stem = (upload.name or "photo").rsplit("/", 1)[-1].rsplit(".", 1)[0][:60] or "photo"
    return ContentFile(out.getvalue(), name=f"{stem}.jpg")


# --- Personal agenda ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaFeedKey:
    """The short feed key: the agenda's random token and a truncated HMAC of it."""

    token: str

    SALT = "events.agenda-feed"

    @property
    def signature(self) -> str:
        return salted_hmac(self.SALT, self.token, algorithm="sha256").hexdigest()[:12]

    def __str__(self) -> str:
        return f"{self.token}-{self.signature}"

    @classmethod
    def parse(cls, key: str) -> AgendaFeedKey | None:
        token, _sep, signature = key.partition("-")
        candidate = cls(token=token)
        if not token or not constant_time_compare(signature, candidate.signature):
            return None
        return candidate


def feed_key_for(agenda: Agenda) -> str:
    return str(AgendaFeedKey(token=agenda.token))


def agenda_for_token(*, token: str) -> Agenda | None:
    """The agenda behind a token or a signed feed key, or None when it is unknown or was revoked."""
    if "-" in token:
        parsed = AgendaFeedKey.parse(token)
        if parsed is None:
            return None
        token = parsed.token
    return Agenda.objects.filter(token=token).first()


@transaction.atomic
def save_agenda(*, session_ids: list[str], token: str | None = None) -> Agenda:
    """Store a visitor's starred sessions (public ids). With a known token, update that agenda.

    The tickets app calls this to tie an agenda to a registration (it keeps the returned token).
    """
    agenda = Agenda.objects.select_for_update().filter(token=token).first() if token else None
    if agenda is None:
        agenda = Agenda.objects.create()
    sessions = list(Session.objects.published().filter(public_id__in=session_ids))
    agenda.sessions.set(sessions)
    agenda.updated_at = timezone.now()
    agenda.save(update_fields=["updated_at"])
    return agenda


@transaction.atomic
def revoke_agenda_feed(*, agenda: Agenda) -> Agenda:
    """Give the agenda a new token: the old feed URL stops working at once."""
    agenda.token = new_agenda_token()
    agenda.updated_at = timezone.now()
    agenda.save(update_fields=["token", "updated_at"])
    return agenda
