"""What an accepted speaker does on the proposal's page: confirm or decline, and complete their profile."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from events.models import Speaker

from ..enums import ProposalState
from ..exceptions import NotConfirmable
from ..models import Proposal, ProposalSpeaker
from .submission import SpeakerData, save_speakers

PROFILE_STATES = (ProposalState.ACCEPTED, ProposalState.CONFIRMED)


def _answer(proposal: Proposal, state: str, at: dt.datetime | None) -> Proposal:
    at = at or timezone.now()
    changed = Proposal.objects.filter(pk=proposal.pk, state=ProposalState.ACCEPTED).update(
        state=state, updated_at=at
    )
    if not changed:
        raise NotConfirmable()
    proposal.refresh_from_db()
    return proposal


@transaction.atomic
def confirm_proposal(*, proposal: Proposal, at: dt.datetime | None = None) -> Proposal:
    """The speakers will come: the organizers may now put the talk on the programme."""
    return _answer(proposal, ProposalState.CONFIRMED, at)


@transaction.atomic
def decline_proposal(*, proposal: Proposal, at: dt.datetime | None = None) -> Proposal:
    """The speakers cannot come: the place goes to the reserve list."""
    return _answer(proposal, ProposalState.DECLINED, at)


@transaction.atomic
def update_profile(*, proposal: Proposal, speakers: list[SpeakerData]) -> Proposal:
    """An accepted or confirmed speaker completes the names, organisations, biographies and photos;
    once the talk is on the programme, its speakers' public profiles follow."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.state not in PROFILE_STATES:
        raise NotConfirmable()
    save_speakers(locked, speakers)
    if locked.session_id:
        sync_programme_speakers(proposal=locked)
    return locked


def sync_programme_speakers(*, proposal: Proposal) -> list[Speaker]:
    """The programme's speakers of a scheduled talk, made from (and kept in step with) its proposal's."""
    programme = []
    for entry in ProposalSpeaker.objects.filter(proposal=proposal).select_related("speaker"):
        speaker = entry.speaker or Speaker(slug=f"{proposal.public_id}-{entry.pk}")
        speaker.name, speaker.organisation = entry.name, entry.organisation
        setattr(speaker, f"bio_{proposal.contact_language}", entry.bio)  # other languages fall back to it
        speaker.photo = entry.photo.name if entry.photo and entry.photo_consent else ""
        speaker.save()
        if entry.speaker_id != speaker.pk:
            ProposalSpeaker.objects.filter(pk=entry.pk).update(speaker=speaker)
        programme.append(speaker)
    if proposal.session_id:
        proposal.session.speakers.set(programme)
    return programme
