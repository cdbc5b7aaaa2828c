"""Messages to registrants: who receives one, how it reads in each language, and sending it once.

Sending queues one mail per recipient in the outbox, in their language, in bulk inserts of a thousand: the
request never talks to the mail server, the outbox worker (`manage.py send_queued_mail`) delivers them and
retries failures. A message leaves the draft state by a conditional UPDATE (atomic on every database), so
two clicks, two tabs or two organizers queue it once.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.errors import DomainError
from exhibitors.models import Exhibitor
from schools.enums import BookingStatus
from schools.models import ClassBooking
from tickets.enums import Language, MailStatus, TicketStatus
from tickets.mail import ComposedMail, queue_mail, render_templated_mail
from tickets.models import OutgoingMail, Registration

from ..enums import Audience, BroadcastStatus, MessageKind
from ..models import Broadcast, BroadcastRecipient

MAIL_TEMPLATE = "console/mail/broadcast"
BATCH = 1000


class AlreadySent(DomainError):
    code = "already_sent"

    def __init__(self) -> None:
        super().__init__(_("This message has already been sent. It was not sent again."))


class NoLongerDraft(DomainError):
    code = "no_longer_draft"

    def __init__(self) -> None:
        super().__init__(_("This message has already been sent: it can no longer be changed."))


def save_draft(*, form) -> Broadcast:
    """Save a valid BroadcastForm: a new draft, or a change to one still a draft. Its row is locked and read
    again first, so an edit that arrives once the message was sent (by another organizer, at the same
    moment) cannot write `draft` back over it; NoLongerDraft then."""
    with transaction.atomic():
        if form.instance.pk is not None:
            rows = Broadcast.objects.select_for_update().filter(
                pk=form.instance.pk, status=BroadcastStatus.DRAFT
            )
            if rows.values_list("pk", flat=True).first() is None:
                raise NoLongerDraft
        return form.save()


def _audience_rows(broadcast: Broadcast) -> QuerySet:
    """(email, language) rows of the audience, most recent first, possibly repeating an email."""
    if broadcast.audience == Audience.SCHOOLS_DAY:
        return (
            ClassBooking.objects.filter(
                day=broadcast.day,
                status__in=[BookingStatus.HELD, BookingStatus.CONFIRMED],
                anonymized_at__isnull=True,
            )
            .order_by("-created_at", "-pk")
            .values_list("teacher_email", "language")
        )
    if broadcast.audience == Audience.EXHIBITORS:
        return (
            Exhibitor.objects.filter(edition=broadcast.edition)
            .exclude(contact_email="")
            .order_by("-created_at", "-pk")
            .values_list("contact_email", "contact_language")
        )
    tickets = Q(tickets__status=TicketStatus.VALID)
    if broadcast.audience == Audience.VISITORS_DAY:
        tickets &= Q(tickets__day=broadcast.day)
    registrations = Registration.objects.active().filter(tickets, edition=broadcast.edition).exclude(email="")
    if broadcast.kind == MessageKind.NEWS:
        registrations = registrations.filter(news_opt_in=True)
    return registrations.order_by("-created_at", "-pk").values_list("email", "language")


def recipients(broadcast: Broadcast) -> Iterator[tuple[str, str]]:
    """Each address once, in the language of its latest registration or booking."""
    seen: set[str] = set()
    for email, language in _audience_rows(broadcast).iterator(chunk_size=BATCH):
        key = email.strip().lower()
        if key and key not in seen:
            seen.add(key)
            yield key, language if language in Language.values else Language.FR


def recipients_by_language(broadcast: Broadcast) -> dict[str, int]:
    counts = dict.fromkeys(Language.values, 0)
    for _email, language in recipients(broadcast):
        counts[language] += 1
    return counts


def render(broadcast: Broadcast, *, language: str) -> ComposedMail:
    """The mail as a recipient reading `language` gets it (a missing translation falls back like content)."""
    return render_templated_mail(language=language, template=MAIL_TEMPLATE, context={"broadcast": broadcast})


def send_test(*, broadcast: Broadcast, to: str, language: str) -> OutgoingMail | None:
    mail = render(broadcast, language=language)
    return queue_mail(
        to=to, subject=f"[Test] {mail.subject}", body_text=mail.body_text, body_html=mail.body_html
    )


@transaction.atomic
def send_broadcast(*, broadcast_id: int, user) -> int:
    """Queue the message for its whole audience, once; returns how many mails were queued."""
    claimed = Broadcast.objects.filter(pk=broadcast_id, status=BroadcastStatus.DRAFT).update(
        status=BroadcastStatus.QUEUED, sent_at=timezone.now(), sent_by=user
    )
    if not claimed:
        raise AlreadySent
    broadcast = Broadcast.objects.select_related("edition", "day").get(pk=broadcast_id)
    mails = {language: render(broadcast, language=language) for language in Language.values}
    queued = 0
    pending = recipients(broadcast)
    while batch := list(islice(pending, BATCH)):
        outbox = OutgoingMail.objects.bulk_create(
            OutgoingMail(
                to=email,
                subject=mails[language].subject,
                body_text=mails[language].body_text,
                body_html=mails[language].body_html,
            )
            for email, language in batch
        )
        BroadcastRecipient.objects.bulk_create(
            BroadcastRecipient(broadcast=broadcast, email=email, language=language, mail=mail)
            for (email, language), mail in zip(batch, outbox, strict=True)
        )
        queued += len(batch)
    return queued


def with_counts(broadcasts: QuerySet) -> QuerySet:
    """Annotate each message with its recipients' mails: sent, failed (queued again after an error) and
    pending; one query for the whole list."""
    mail = "recipients__mail__"
    return broadcasts.annotate(
        total=Count("recipients"),
        sent=Count("recipients", filter=Q(**{f"{mail}status": MailStatus.SENT})),
        failed=Count(
            "recipients",
            filter=Q(**{f"{mail}status": MailStatus.QUEUED}) & ~Q(**{f"{mail}last_error": ""}),
        ),
        pending=Count(
            "recipients",
            filter=Q(**{f"{mail}status": MailStatus.SENDING})
            | Q(**{f"{mail}status": MailStatus.QUEUED, f"{mail}last_error": ""}),
        ),
    )
