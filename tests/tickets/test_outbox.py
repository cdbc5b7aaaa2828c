import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from tickets.enums import MailStatus
from tickets.mail import (
    RenderedWhenSent,
    queue_mail,
    queue_templated_mail,
    register_attachment_renderer,
    send_queued_mail,
)
from tickets.models import OutgoingMail

pytestmark = pytest.mark.django_db(transaction=True)


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_mail_sent_after_commit_with_attachment():
    with transaction.atomic():
        queue_mail(
            to="ana@example.org",
            subject="Vos billets",
            body_text="Bonjour",
            attachments=[("billets.pdf", b"%PDF-1.7", "application/pdf")],
        )
        assert mail.outbox == []
    assert [m.subject for m in mail.outbox] == ["Vos billets"]
    assert mail.outbox[0].attachments[0][0] == "billets.pdf"
    assert OutgoingMail.objects.get().status == MailStatus.SENT


def test_mail_not_sent_when_transaction_rolls_back():
    @transaction.atomic
    def queue_then_fail():
        queue_mail(to="ana@example.org", subject="x", body_text="x")
        raise RuntimeError

    with pytest.raises(RuntimeError):
        queue_then_fail()
    assert (mail.outbox, OutgoingMail.objects.count()) == ([], 0)


def test_failing_mail_server_keeps_mail_queued_then_command_delivers(settings):
    settings.EMAIL_BACKEND = "tests.tickets.test_outbox.BrokenBackend"
    queue_mail(to="ana@example.org", subject="Vos billets", body_text="Bonjour")
    queued = OutgoingMail.objects.get()
    assert (queued.status, queued.attempts) == (MailStatus.QUEUED, 1)
    assert "ConnectionRefusedError" in queued.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingMail.objects.update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
    out = StringIO()
    call_command("send_queued_mail", stdout=out)
    assert "sent 1" in out.getvalue()
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    assert send_queued_mail() == (0, 0)  # never delivered twice


def test_dedupe_key_queues_once():
    assert queue_mail(to="a@example.org", subject="r", body_text="r", dedupe_key="reminder:1") is not None
    assert queue_mail(to="a@example.org", subject="r", body_text="r", dedupe_key="reminder:1") is None
    assert len(mail.outbox) == 1


@pytest.fixture
def worker_sends_mail(settings):
    """Production with an outbox worker: requests only queue their mail."""
    settings.MAIL_SEND_AFTER_COMMIT = False


def register_ana(edition, friday):
    from tickets import services

    return services.register(
        edition=edition, days=[friday], name="Ana Peeters", email="ana@example.org", language="nl"
    )


def test_tickets_pdf_is_rendered_by_the_worker_not_in_the_request(worker_sends_mail, edition, friday):
    registration = register_ana(edition, friday)

    queued = OutgoingMail.objects.get()
    (attachment,) = queued.attachments.all()
    assert (mail.outbox, queued.status, bytes(attachment.content)) == ([], MailStatus.QUEUED, b"")
    assert attachment.render_key == f"tickets.documents.registration_pdf:{registration.pk}"

    assert send_queued_mail() == (1, 0)

    (sent,) = mail.outbox
    (name, content, mimetype) = sent.attachments[0]
    assert (name, content[:5], mimetype) == (
        f"tickets-{edition.slug}-{registration.public_id.lower()}.pdf",
        b"%PDF-",
        "application/pdf",
    )
    assert sent.subject.startswith("Je tickets")  # in the visitor's language
    assert bytes(queued.attachments.get().content) == content  # kept: a retry sends the same file


def test_a_failed_send_keeps_the_rendered_pdf_for_the_retry(worker_sends_mail, settings, edition, friday):
    register_ana(edition, friday)
    settings.EMAIL_BACKEND = "tests.tickets.test_outbox.BrokenBackend"

    assert send_queued_mail() == (0, 1)

    attachment = OutgoingMail.objects.get().attachments.get()
    assert bytes(attachment.content)[:5] == b"%PDF-"


def test_the_worker_leaves_the_pdf_out_once_the_visitor_deleted_their_data(
    worker_sends_mail, edition, friday
):
    from tickets.models import Registration

    registration = register_ana(edition, friday)
    Registration.objects.filter(pk=registration.pk).delete()

    assert send_queued_mail() == (1, 0)
    assert (mail.outbox[0].attachments, OutgoingMail.objects.get().attachments.count()) == ([], 0)


def test_a_deferred_attachment_needs_a_registered_renderer():
    with pytest.raises(LookupError):
        queue_mail(
            to="ana@example.org",
            subject="Vos billets",
            body_text="Bonjour",
            attachments=[("tickets.pdf", RenderedWhenSent("nobody.registered.this", "1"), "application/pdf")],
        )
    assert OutgoingMail.objects.count() == 0


def greeting(argument: str) -> bytes:
    return f"Hello {argument}".encode()


def test_a_registered_renderer_makes_the_attachment_when_the_mail_is_sent(worker_sends_mail):
    register_attachment_renderer("tests.greeting", greeting)
    queue_mail(
        to="ana@example.org",
        subject="Vos billets",
        body_text="Bonjour",
        attachments=[("hello.txt", RenderedWhenSent("tests.greeting", "Ana"), "text/plain")],
    )

    assert send_queued_mail() == (1, 0)
    assert mail.outbox[0].attachments[0][:2] == ("hello.txt", "Hello Ana")


@pytest.mark.parametrize(
    ("language", "sender"),
    [("nl", "Digitale Lente <info@example.org>"), ("fr", "Printemps Numérique <info@example.org>")],
)
def test_mails_come_from_the_brand_in_the_recipients_language(settings, language, sender):
    settings.DEFAULT_FROM_EMAIL = "Printemps Numérique <info@example.org>"
    with transaction.atomic():
        queue_templated_mail(
            to="jan@example.org",
            language=language,
            template="tickets/mail/manage_link",
            context={"links": []},
        )
    assert [m.from_email for m in mail.outbox] == [sender]
