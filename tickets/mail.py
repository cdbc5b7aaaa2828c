"""The outbox: mail is stored in the transaction that causes it and sent after commit.

A failure leaves the mail queued (with the error), and `manage.py send_queued_mail` retries it, so a
registration never fails, and a ticket is never lost, because the mail server is down. Every app sends
its mail through `queue_mail()` or `queue_templated_mail()`.

This module is the bottom of the mail path: it imports no document module. An attachment that is slow to
make (a PDF) is queued as `RenderedWhenSent(name, argument)` and made by the sender, through the renderer
registered under `name`. An app registers its renderers once, in its `AppConfig.ready()`:

    from tickets.mail import register_attachment_renderer
    from . import documents
    register_attachment_renderer("schools.documents.booking_pdf", documents.booking_pdf)

A renderer takes the argument (a string) and returns the bytes, or None to send the mail without it. The
name is stored in queued mail (`MailAttachment.render_key`, "<name>:<argument>"): once mail has been
queued under a name, keep registering that name.

A whole mail can be made by the sender too (`queue_composed_mail`, with a composer registered the same way by
`register_mail_composer`): the request then only stores the recipient and the composer's name.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.headerregistry import Address
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation

from .enums import MailStatus
from .models import MailAttachment, OutgoingMail

logger = logging.getLogger(__name__)
RETRY_DELAYS = [dt.timedelta(minutes=m) for m in (1, 5, 15, 60, 240)]


AttachmentRenderer = Callable[[str], "bytes | None"]
_renderers: dict[str, AttachmentRenderer] = {}


def register_attachment_renderer(name: str, renderer: AttachmentRenderer) -> None:
    """Let queued mail carry `RenderedWhenSent(name, ...)`; `name` must not contain ":"."""
    if ":" in name:
        raise ValueError(f"an attachment renderer's name has no colon: {name!r}")
    if _renderers.get(name, renderer) is not renderer:
        raise ValueError(f"another attachment renderer is registered as {name!r}")
    _renderers[name] = renderer


@dataclass(frozen=True)
class RenderedWhenSent:
    """An attachment made only when the mail is sent (a PDF costs tens of milliseconds of CPU): the
    renderer registered as `renderer` is called with `argument` by the sender."""

    renderer: str
    argument: str

    @property
    def key(self) -> str:
        return f"{self.renderer}:{self.argument}"


@dataclass(frozen=True)
class ComposedMail:
    """What a mail composer makes for one recipient, when the mail is sent."""

    subject: str
    body_text: str
    body_html: str = ""


MailComposer = Callable[[str], "ComposedMail | None"]
_composers: dict[str, MailComposer] = {}


def register_mail_composer(name: str, composer: MailComposer) -> None:
    """Let `queue_composed_mail(composer=name)` be used; the composer takes the recipient's address and
    returns the mail, or None when there is nothing to send (the mail is then dropped)."""
    if _composers.get(name, composer) is not composer:
        raise ValueError(f"another mail composer is registered as {name!r}")
    _composers[name] = composer


def render_attachment(key: str) -> bytes | None:
    name, argument = key.rsplit(":", 1)
    try:
        renderer = _renderers[name]
    except KeyError:
        raise LookupError(f"no attachment renderer is registered as {name!r}") from None
    return renderer(argument)


def queue_mail(
    *,
    to: str,
    subject: str,
    body_text: str,
    body_html: str = "",
    attachments: Iterable[tuple[str, bytes | RenderedWhenSent, str]] = (),
    dedupe_key: str | None = None,
    send_now: bool = True,
    from_email: str = "",
) -> OutgoingMail | None:
    """Store a mail and send it once the current transaction commits (or leave it to the outbox worker,
    when `MAIL_SEND_AFTER_COMMIT` is off).

    `dedupe_key` makes a mail unique (e.g. "reminder:<ticket>:<day>"): queueing it again does nothing and
    returns None, so commands that mail can safely run twice.
    """
    attachments = list(attachments)
    for _name, content, _mimetype in attachments:
        if isinstance(content, RenderedWhenSent) and content.renderer not in _renderers:
            raise LookupError(f"no attachment renderer is registered as {content.renderer!r}")
    if dedupe_key and OutgoingMail.objects.filter(dedupe_key=dedupe_key).exists():
        return None
    mail = OutgoingMail.objects.create(
        to=to,
        from_email=from_email,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        dedupe_key=dedupe_key or None,
    )
    MailAttachment.objects.bulk_create(
        MailAttachment(mail=mail, filename=name, content=content, mimetype=mimetype)
        if isinstance(content, bytes)
        else MailAttachment(mail=mail, filename=name, content=b"", mimetype=mimetype, render_key=content.key)
        for name, content, mimetype in attachments
    )
    if send_now and settings.MAIL_SEND_AFTER_COMMIT:
        transaction.on_commit(lambda: send_mail_now(mail_id=mail.pk))
    return mail


def queue_composed_mail(*, to: str, composer: str) -> OutgoingMail:
    """Queue a mail whose content the sender makes, by the composer registered as `composer`.

    The request's work is one insert whatever the mail will say, or whether it will be sent at all: a
    request such as "lost my tickets" then costs the same for a known and an unknown address, and its
    time tells no one whether the address registered."""
    if composer not in _composers:
        raise LookupError(f"no mail composer is registered as {composer!r}")
    mail = OutgoingMail.objects.create(to=to, subject="", body_text="", compose_key=composer)
    if settings.MAIL_SEND_AFTER_COMMIT:
        transaction.on_commit(lambda: send_mail_now(mail_id=mail.pk))
    return mail


def render_templated_mail(*, language: str, template: str, context: dict) -> ComposedMail:
    """`<template>_subject.txt`, `<template>.txt` and `<template>.html`, rendered in `language`."""
    with translation.override(language):
        return ComposedMail(
            subject=" ".join(render_plain_text(f"{template}_subject.txt", context).split()),
            body_text=render_plain_text(f"{template}.txt", context),
            body_html=render_to_string(f"{template}.html", context),
        )


def render_plain_text(template_name: str, context: dict) -> str:
    """A subject or a text body: nothing is escaped, as nothing is read as HTML (a talk called "R&D" stays
    "R&D", never "R&amp;D"). Only the HTML part of a mail escapes what people typed."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def queue_templated_mail(
    *, to: str, language: str, template: str, context: dict, attachments=(), dedupe_key: str | None = None
) -> OutgoingMail | None:
    """Render `<template>_subject.txt`, `<template>.txt` and `<template>.html` in the recipient's language."""
    rendered = render_templated_mail(language=language, template=template, context=context)
    return queue_mail(
        to=to,
        subject=rendered.subject,
        body_text=rendered.body_text,
        body_html=rendered.body_html,
        attachments=attachments,
        dedupe_key=dedupe_key,
        from_email=sender_for(language),
    )


def sender_for(language: str) -> str:
    """DEFAULT_FROM_EMAIL with its display name in the recipient's language: Dutch readers get mail from
    "Digitale Lente" (the brand's msgid is in the catalogue through the site's header); a name the
    catalogue does not know stays as it is."""
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if not name:
        return settings.DEFAULT_FROM_EMAIL
    with translation.override(language):
        return str(Address(display_name=translation.gettext(name), addr_spec=address))


def send_mail_now(*, mail_id: int) -> bool:
    """Try to send one queued mail; claim it first so two senders never deliver it twice."""
    claimed = OutgoingMail.objects.filter(
        pk=mail_id, status=MailStatus.QUEUED, next_attempt_at__lte=timezone.now()
    ).update(status=MailStatus.SENDING, attempts=F("attempts") + 1)
    if not claimed:
        return False
    mail = OutgoingMail.objects.prefetch_related("attachments").get(pk=mail_id)
    try:
        if mail.compose_key and not _compose(mail):
            OutgoingMail.objects.filter(pk=mail.pk).delete()  # nothing to send: no trace of the address kept
            return True
        sender = mail.from_email or settings.DEFAULT_FROM_EMAIL
        message = EmailMultiAlternatives(mail.subject, mail.body_text, sender, [mail.to])
        if mail.body_html:
            message.attach_alternative(mail.body_html, "text/html")
        # A mail server that accepts and never answers times out here, and the mail stays queued for a retry.
        message.connection = get_connection(timeout=settings.EMAIL_TIMEOUT)
        for attachment in mail.attachments.all():
            content = _content_of(attachment)
            if content is not None:
                message.attach(attachment.filename, content, attachment.mimetype)
        message.send()
    except Exception as error:  # any transport (or rendering) failure: keep it queued and retry later
        delay = RETRY_DELAYS[min(mail.attempts - 1, len(RETRY_DELAYS) - 1)]
        OutgoingMail.objects.filter(pk=mail.pk).update(
            status=MailStatus.QUEUED,
            last_error=f"{type(error).__name__}: {error}"[:500],
            next_attempt_at=timezone.now() + delay,
        )
        logger.warning("mail %s not sent (attempt %s): %s", mail.pk, mail.attempts, type(error).__name__)
        return False
    OutgoingMail.objects.filter(pk=mail.pk).update(
        status=MailStatus.SENT, sent_at=timezone.now(), last_error=""
    )
    return True


def _compose(mail: OutgoingMail) -> bool:
    """Make a composed mail's content once and keep it, so a retry sends the same mail; False when its
    composer has nothing to send."""
    if mail.body_text:
        return True
    composed = _composers[mail.compose_key](mail.to)
    if composed is None:
        return False
    mail.subject, mail.body_text, mail.body_html = composed.subject, composed.body_text, composed.body_html
    OutgoingMail.objects.filter(pk=mail.pk).update(
        subject=mail.subject, body_text=mail.body_text, body_html=mail.body_html
    )
    return True


def _content_of(attachment: MailAttachment) -> bytes | None:
    """The stored bytes; a deferred attachment is rendered once and kept, so a retry sends the same file."""
    if not attachment.render_key or attachment.content:
        return bytes(attachment.content)
    content = render_attachment(attachment.render_key)
    if content is None:  # nothing left to attach (the visitor deleted their data meanwhile)
        MailAttachment.objects.filter(pk=attachment.pk).delete()
        return None
    MailAttachment.objects.filter(pk=attachment.pk).update(content=content)
    return content


def send_queued_mail(*, limit: int = 200) -> tuple[int, int]:
    """Send what is due; returns (sent, failed)."""
    due = OutgoingMail.objects.filter(status=MailStatus.QUEUED, next_attempt_at__lte=timezone.now())
    sent = failed = 0
    for mail_id in due.order_by("next_attempt_at").values_list("pk", flat=True)[:limit]:
        if send_mail_now(mail_id=mail_id):
            sent += 1
        else:
            failed += 1
    return sent, failed


def release_stuck_mail(*, older_than: dt.timedelta = dt.timedelta(minutes=10)) -> int:
    """A sender that died mid-send leaves mail SENDING: queue it again."""
    return OutgoingMail.objects.filter(
        status=MailStatus.SENDING, next_attempt_at__lt=timezone.now() - older_than
    ).update(status=MailStatus.QUEUED)


def failed_mail():
    """Mail still queued after a failed attempt: what an organizer may send again now."""
    return OutgoingMail.objects.filter(status=MailStatus.QUEUED).exclude(last_error="")


def retry_failed_mail() -> int:
    """Make every failed mail due now, for the next run of the sender; returns how many."""
    return failed_mail().update(next_attempt_at=timezone.now())
