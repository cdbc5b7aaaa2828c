"""Putting confirmed talks on the programme: a day, a space and a start time; each move is logged.

A confirmed proposal becomes a programme session (events.Session) with its speakers at its first placing;
later moves go through events.services, so the programme's change log records them. A space taken at that
time, or a speaker due elsewhere, is refused with a message that says which session is in the way.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events import services as programme
from events.models import Day, Session, Space, local_tz

from ..enums import ProposalFormat, ProposalState
from ..exceptions import ScheduleClash
from ..models import Proposal
from .speakers import sync_programme_speakers

DURATIONS = {
    ProposalFormat.PECHA_KUCHA: dt.timedelta(minutes=10),  # 6 min 40 s on stage, and the changeover
    ProposalFormat.TALK: dt.timedelta(minutes=30),
    ProposalFormat.DEMO: dt.timedelta(minutes=20),
}


def _speaker_clash(proposal: Proposal, starts_at: dt.datetime, ends_at: dt.datetime) -> Session | None:
    speaker_ids = [s.speaker_id for s in proposal.speakers.all() if s.speaker_id]
    names = [s.name for s in proposal.speakers.all()]
    others = Session.objects.scheduled().filter(starts_at__lt=ends_at, ends_at__gt=starts_at)
    if proposal.session_id:
        others = others.exclude(pk=proposal.session_id)
    by_link = others.filter(speakers__in=speaker_ids) if speaker_ids else others.none()
    by_name = others.filter(speakers__name__in=names)
    return (by_link | by_name).distinct().order_by("starts_at").first()


def _clash_message(session: Session) -> str:
    return _(
        "A speaker of this talk is on “{title}” from {start} to {end}: a speaker cannot be in two places."
    ).format(
        title=session.title,
        start=f"{timezone.localtime(session.starts_at, local_tz()):%H:%M}",
        end=f"{timezone.localtime(session.ends_at, local_tz()):%H:%M}",
    )


@transaction.atomic
def schedule_proposal(*, proposal: Proposal, day: Day, space: Space, starts: dt.time) -> Session:
    """Place (or move) a confirmed talk; ScheduleClash, with the reason, when the slot cannot take it."""
    locked = (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("session", "theme")
        .get(pk=proposal.pk)
    )
    if locked.state != ProposalState.CONFIRMED:
        raise ScheduleClash(_("Only a talk its speakers confirmed can be put on the programme."))
    starts_at = day.at(starts)
    ends_at = starts_at + DURATIONS[ProposalFormat(locked.format)]
    if clash := _speaker_clash(locked, starts_at, ends_at):
        raise ScheduleClash(_clash_message(clash))
    try:
        if locked.session is None:
            session = _create_session(locked, day=day, space=space, starts_at=starts_at, ends_at=ends_at)
        else:
            locked.session.day = day
            session = programme.reschedule_session(
                session=locked.session, starts_at=starts_at, ends_at=ends_at, space=space
            )
    except ValidationError as error:
        raise ScheduleClash(" ".join(error.messages)) from error
    return session


def _create_session(proposal: Proposal, *, day: Day, space: Space, starts_at, ends_at) -> Session:
    session = Session(
        day=day,
        space=space,
        kind=proposal.format,
        language=proposal.language,
        starts_at=starts_at,
        ends_at=ends_at,
        is_published=True,
    )
    for code in ("fr", "nl", "en"):  # the speaker wrote in one language: every visitor reads those words
        setattr(session, f"title_{code}", proposal.title)
        setattr(session, f"description_{code}", proposal.abstract)
    programme.save_session(session=session)
    if proposal.theme_id:
        session.themes.set([proposal.theme_id])
    Proposal.objects.filter(pk=proposal.pk).update(session=session)
    proposal.session = session
    sync_programme_speakers(proposal=proposal)
    return session
