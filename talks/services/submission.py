"""Sending, changing and withdrawing a proposal, through its secret link (no account)."""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from events.models import Day, Theme
from tickets.mail import queue_templated_mail

from ..enums import ProposalState
from ..exceptions import CallClosed, ProposalLocked
from ..models import Call, Proposal, ProposalSpeaker, hash_token


@dataclass
class SpeakerData:
    name: str
    organisation: str = ""
    bio: str = ""
    photo: ContentFile | None = None
    photo_consent: bool = False
    remove_photo: bool = False
    id: int | None = None


@dataclass
class ProposalData:
    title: str
    abstract: str
    format: str
    language: str
    theme: Theme | None
    contact_email: str
    contact_language: str
    accessibility_needs: str = ""
    available_days: list[Day] = field(default_factory=list)


def open_call(*, at: dt.datetime | None = None) -> Call | None:
    """The call visitors may answer now, if any (the earliest to close)."""
    at = at or timezone.now()
    return Call.objects.open_at(at).select_related("edition").order_by("closes_at").first()


def proposal_url(*, token: str, language: str) -> str:
    with translation.override(language):
        path = reverse("talks:proposal", kwargs={"token": token})
    return f"{settings.SITE_URL}{path}"


def proposal_for_token(token: str) -> Proposal | None:
    """The proposal whose secret link this is; the hashes are compared in constant time."""
    if not token or len(token) > 100:
        return None
    digest = hash_token(token)
    proposal = Proposal.objects.select_related("call__edition").filter(token_hash=digest).first()
    if proposal is None or not hmac.compare_digest(proposal.token_hash, digest):
        return None
    return proposal


def _fill(proposal: Proposal, data: ProposalData) -> None:
    for name in ("title", "abstract", "format", "language", "theme", "contact_email", "contact_language"):
        setattr(proposal, name, getattr(data, name))
    proposal.accessibility_needs = data.accessibility_needs


def save_speakers(proposal: Proposal, speakers: list[SpeakerData]) -> None:
    kept = {s.id for s in speakers if s.id}
    ProposalSpeaker.objects.filter(proposal=proposal).exclude(pk__in=kept).delete()
    existing = {s.pk: s for s in ProposalSpeaker.objects.filter(proposal=proposal, pk__in=kept)}
    for position, data in enumerate(speakers):
        speaker = existing.get(data.id) or ProposalSpeaker(proposal=proposal)
        speaker.position = position
        speaker.name, speaker.organisation, speaker.bio = data.name, data.organisation, data.bio
        speaker.photo_consent = data.photo_consent
        if data.remove_photo or not data.photo_consent:
            if speaker.photo:
                speaker.photo.delete(save=False)
            speaker.photo = ""
        if data.photo is not None and data.photo_consent:
            speaker.photo.save(data.photo.name, data.photo, save=False)
        speaker.save()


@transaction.atomic
def submit_proposal(
    *, call: Call, data: ProposalData, speakers: list[SpeakerData], at: dt.datetime | None = None
) -> tuple[Proposal, str]:
    """Store a proposal and mail its secret link in the submitter's language; returns (proposal, token)."""
    at = at or timezone.now()
    if not call.is_open(at):
        raise CallClosed()
    token = secrets.token_urlsafe(32)
    proposal = Proposal(call=call, token_hash=hash_token(token), submitted_at=at, updated_at=at)
    _fill(proposal, data)
    proposal.save()
    proposal.available_days.set(data.available_days)
    save_speakers(proposal, speakers)
    link = proposal_url(token=token, language=proposal.contact_language)
    queue_templated_mail(
        to=proposal.contact_email,
        language=proposal.contact_language,
        template="talks/mail/proposal_received",
        context={
            "proposal": proposal,
            "speakers": list(proposal.speakers.all()),
            "link": link,
            "call": call,
            "edition": call.edition,
            "organizer": settings.ORGANIZER,
        },
    )
    return proposal, token


def _lock_editable(proposal: Proposal, at: dt.datetime) -> Proposal:
    locked = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
    if not locked.call.is_open(at):
        raise CallClosed()
    if locked.state != ProposalState.SUBMITTED:
        raise ProposalLocked()
    return locked


@transaction.atomic
def update_proposal(
    *, proposal: Proposal, data: ProposalData, speakers: list[SpeakerData], at: dt.datetime | None = None
) -> Proposal:
    """Change a proposal until the call closes, as long as no decision was taken."""
    at = at or timezone.now()
    locked = _lock_editable(proposal, at)
    _fill(locked, data)
    locked.updated_at = at
    locked.save()
    locked.available_days.set(data.available_days)
    save_speakers(locked, speakers)
    return locked


@transaction.atomic
def withdraw_proposal(*, proposal: Proposal, at: dt.datetime | None = None) -> Proposal:
    """The submitter takes the proposal back; it is no longer reviewed, and its data is erased with the
    edition's."""
    at = at or timezone.now()
    updated = Proposal.objects.filter(
        pk=proposal.pk, state__in=[ProposalState.SUBMITTED, ProposalState.RESERVE]
    ).update(state=ProposalState.WITHDRAWN, updated_at=at)
    if not updated:
        raise ProposalLocked()
    proposal.refresh_from_db()
    return proposal


def regenerate_token(*, proposal: Proposal) -> str:
    """A new secret link for a proposal; the old one stops working at once. Only the hash is stored."""
    token = secrets.token_urlsafe(32)
    Proposal.objects.filter(pk=proposal.pk).update(token_hash=hash_token(token))
    proposal.token_hash = hash_token(token)
    return token
