"""Teachers' personal data and pupils' special needs, erased once the edition is over."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from events.models import Edition

from ..exceptions import EditionNotOver
from ..models import ClassBooking


@transaction.atomic
def purge_special_needs(*, edition: Edition) -> int:
    """Special needs may tell about a pupil's health: erased as soon as the edition is over."""
    return (
        ClassBooking.objects.filter(edition=edition, edition__ends_on__lt=timezone.localdate())
        .exclude(special_needs="")
        .update(special_needs="")
    )


@transaction.atomic
def anonymize_bookings(*, edition: Edition, now: dt.datetime | None = None) -> int:
    """Erase the teachers' names, emails and phone numbers and the special needs of an edition that is over,
    keeping the schools (organisations), class names, levels and counts for the statistics."""
    now = now or timezone.now()
    if edition.ends_on >= timezone.localdate():
        raise EditionNotOver()
    return ClassBooking.objects.filter(edition=edition, anonymized_at__isnull=True).update(
        teacher_name="",
        teacher_email="",
        teacher_mobile="",
        special_needs="",
        client_address="",
        anonymized_at=now,
    )
