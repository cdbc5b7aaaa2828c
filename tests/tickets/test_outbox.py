import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from tickets.mail import queue_mail, send_queued_mail
from tickets.models import MailStatus, OutgoingMail

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
