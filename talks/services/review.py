"""Reviewing proposals, ranking them, and deciding: each decision changes the state once and mails once."""

from __future__ import annotations

import datetime as dt
import secrets
import statistics
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tickets.mail import queue_templated_mail

from ..enums import Decision, ProposalState
from ..exceptions import AlreadyDecided, AlreadyReviewed
from ..models import Call, Criterion, DecisionTemplate, Proposal, Review, Score, hash_token
from .submission import proposal_url

DECIDABLE_STATES = (ProposalState.SUBMITTED, ProposalState.RESERVE)


@transaction.atomic
def review_proposal(
    *, proposal: Proposal, reviewer, scores: dict[int, int], comment: str = "", conflict: bool = False
) -> Review:
    """One review per reviewer and proposal: scores on each criterion, or a declared conflict of interest."""
    try:
        with transaction.atomic():
            review = Review.objects.create(
                proposal=proposal, reviewer=reviewer, comment=comment, conflict_of_interest=conflict
            )
    except IntegrityError as error:
        raise AlreadyReviewed() from error
    if not conflict:
        criteria = Criterion.objects.filter(call_id=proposal.call_id, pk__in=scores)
        Score.objects.bulk_create(Score(review=review, criterion=c, value=scores[c.pk]) for c in criteria)
    return review


def own_review(*, proposal: Proposal, reviewer) -> Review | None:
    return Review.objects.filter(proposal=proposal, reviewer=reviewer).first()


def may_see_scores(*, proposal: Proposal, reviewer) -> bool:
    """Others' scores show only to a reviewer who gave their own (not to one who declared a conflict)."""
    return Review.objects.filter(proposal=proposal, reviewer=reviewer, conflict_of_interest=False).exists()


@dataclass(frozen=True)
class Ranked:
    proposal: Proposal
    average: float | None
    spread: float | None
    reviews: int
    conflicts: int


def ranking(*, call: Call) -> list[Ranked]:
    """The call's proposals, best average score first, with the spread (highest minus lowest) of the
    reviewers' totals: a wide spread asks for a discussion before deciding."""
    proposals = (
        Proposal.objects.filter(call=call)
        .exclude(state=ProposalState.WITHDRAWN)
        .prefetch_related("reviews__scores", "speakers")
        .order_by("submitted_at")
    )
    rows = []
    for proposal in proposals:
        totals = [
            sum(s.value for s in review.scores.all())
            for review in proposal.reviews.all()
            if not review.conflict_of_interest
        ]
        conflicts = sum(1 for review in proposal.reviews.all() if review.conflict_of_interest)
        average = round(statistics.fmean(totals), 2) if totals else None
        spread = (max(totals) - min(totals)) if totals else None
        rows.append(Ranked(proposal, average, spread, len(totals), conflicts))
    return sorted(rows, key=lambda r: (r.average is None, -(r.average or 0)))


STATE_FOR = {
    Decision.ACCEPTED: ProposalState.ACCEPTED,
    Decision.REJECTED: ProposalState.REJECTED,
    Decision.RESERVE: ProposalState.RESERVE,
}


def _fill_in(text: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


@transaction.atomic
def decide(*, proposal: Proposal, decision: str, at: dt.datetime | None = None) -> Proposal:
    """Accept, reject or reserve a proposal and mail the speaker, once.

    The state changes by one conditional UPDATE on the locked row: a second click (or a second organizer)
    finds the decision taken and gets AlreadyDecided, and no second mail is queued. A proposal on the
    reserve list may still be accepted or rejected. The decision mail carries a new secret link."""
    at = at or timezone.now()
    state = STATE_FOR[Decision(decision)]
    locked = Proposal.objects.select_for_update().filter(pk=proposal.pk)
    token = secrets.token_urlsafe(32)
    changed = (
        locked.filter(state__in=DECIDABLE_STATES)
        .exclude(state=state)
        .update(state=state, decided_at=at, updated_at=at, token_hash=hash_token(token))
    )
    if not changed:
        raise AlreadyDecided()
    proposal.refresh_from_db()
    _queue_decision_mail(proposal=proposal, decision=decision, token=token)
    return proposal


def _queue_decision_mail(*, proposal: Proposal, decision: str, token: str) -> None:
    template = DecisionTemplate.objects.filter(decision=decision).first()
    language = proposal.contact_language
    with translation.override(language):
        values = {
            "title": proposal.title,
            "edition": proposal.call.edition.name,
            "link": proposal_url(token=token, language=language),
        }
        if template is None:
            subject, body = default_decision_text(decision)
        else:
            subject, body = template.subject, template.body
        queue_templated_mail(
            to=proposal.contact_email,
            language=language,
            template="talks/mail/decision",
            context={
                "subject": _fill_in(str(subject), values),
                "body": _fill_in(str(body), values),
                "organizer": settings.ORGANIZER,
            },
            dedupe_key=f"talks:decision:{proposal.pk}:{decision}",
        )


def default_decision_text(decision: str) -> tuple[str, str]:
    """The words used while the organizers have not written a template for this decision."""
    subjects = {
        Decision.ACCEPTED: _("Your proposal “{title}” is accepted"),
        Decision.REJECTED: _("Your proposal “{title}” for {edition}"),
        Decision.RESERVE: _("Your proposal “{title}” is on the reserve list"),
    }
    bodies = {
        Decision.ACCEPTED: _(
            "Hello,\n\nYour proposal “{title}” is accepted for {edition}. Please confirm that you will come, "
            "or tell us that you cannot, on your proposal's page:\n{link}\n\n"
            "This link replaces the earlier one."
        ),
        Decision.REJECTED: _(
            "Hello,\n\nThank you for your proposal “{title}”. We received many and could not select yours "
            "for {edition}. Your proposal's page:\n{link}"
        ),
        Decision.RESERVE: _(
            "Hello,\n\nYour proposal “{title}” is on the reserve list for {edition}: "
            "we will write to you if a place frees up. Your proposal's page:\n{link}"
        ),
    }
    return subjects[Decision(decision)], bodies[Decision(decision)]
