"""The personal data of proposals, erased with the edition's other personal data.

Speakers of talks that were never on the programme (rejected, withdrawn, declined) disappear: names,
organisations, biographies, photos, the contact address and the mails sent to it; the proposals stay as
counts (format, theme, language, state). Accessibility needs are health data and go for every proposal.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from events.models import Edition
from tickets.models import OutgoingMail

from ..enums import ERASABLE_STATES
from ..models import Proposal, ProposalSpeaker, Review


@transaction.atomic
def erase_proposals(*, edition: Edition, now: dt.datetime | None = None) -> int:
    """Erase what names a person in the edition's proposals that never reached the programme; returns
    how many proposals were erased."""
    now = now or timezone.now()
    proposals = Proposal.objects.filter(call__edition=edition)
    proposals.exclude(accessibility_needs="").update(accessibility_needs="")
    erasable = proposals.filter(state__in=ERASABLE_STATES, anonymized_at__isnull=True)
    emails = set(erasable.values_list("contact_email", flat=True)) - {""}
    speakers = ProposalSpeaker.objects.filter(proposal__in=erasable)
    for speaker in speakers.exclude(photo=""):
        speaker.photo.delete(save=False)
    speakers.update(name="", organisation="", bio="", photo="", photo_consent=False)
    Review.objects.filter(proposal__in=erasable).update(comment="")
    if emails:
        OutgoingMail.objects.filter(to__in=emails).delete()
    return erasable.update(title="", abstract="", contact_email="", anonymized_at=now)


def on_edition_anonymized(sender, *, edition: Edition, now: dt.datetime, counts: dict, **kwargs) -> None:
    counts["proposals"] = erase_proposals(edition=edition, now=now)
