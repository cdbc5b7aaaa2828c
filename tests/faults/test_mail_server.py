"""A mail server that accepts the connection and never answers.

With mail sent in the request (MAIL_SEND_AFTER_COMMIT on, as in development) the SMTP connection gives up
after EMAIL_TIMEOUT: the registration is committed and answered, its mail stays queued for the outbox worker,
never lost. With DEBUG off the default leaves every mail to the worker, so a visitor's request never waits
on the mail server at all."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading

import pytest
from django.utils import timezone

from tests.config.test_production_settings import PRODUCTION_ENV
from tests.factories import DayFactory
from tests.tickets.conftest import confirm_registration, form_data
from tickets import services
from tickets.enums import MailStatus
from tickets.mail import send_queued_mail
from tickets.models import OutgoingMail, Registration, Ticket

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def silent_smtp_server():
    """A TCP server on a free local port that accepts every connection and never sends a byte."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                connection, _address = listener.accept()
            except TimeoutError:
                continue
            held.append(connection)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    listener.close()


@pytest.fixture
def smtp_to(settings, silent_smtp_server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = silent_smtp_server
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 0.2
    return silent_smtp_server


def test_a_silent_mail_server_leaves_the_registration_committed_and_its_mail_queued(
    client, settings, smtp_to
):
    settings.MAIL_SEND_AFTER_COMMIT = True
    day = DayFactory()

    response = client.post("/fr/tickets/", form_data(day))

    registration = Registration.objects.get()
    assert (response.status_code, response["Location"]) == (302, "/fr/tickets/check-your-mail/")
    assert registration.place_holds.get().places == 1
    mail = OutgoingMail.objects.get()
    assert (mail.to, mail.status, mail.attempts) == ("ana@example.org", MailStatus.QUEUED, 1)
    assert mail.last_error.startswith(("TimeoutError", "SMTPServerDisconnected"))
    assert registration.manage_token in mail.body_text  # composed before the server failed, kept for retries


def test_a_confirmation_while_the_mail_server_is_silent_issues_the_tickets_and_keeps_their_mail(
    client, settings, smtp_to, mailoutbox
):
    settings.MAIL_SEND_AFTER_COMMIT = True
    day = DayFactory()
    client.post("/fr/tickets/", form_data(day))

    response = confirm_registration(client)

    registration = Registration.objects.get()
    assert response["Location"].endswith(f"/{registration.public_id}/{registration.manage_token}/")
    assert Ticket.objects.filter(registration=registration).count() == 1
    assert list(OutgoingMail.objects.values_list("status", flat=True)) == [MailStatus.QUEUED] * 2
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the server is back
    OutgoingMail.objects.update(next_attempt_at=timezone.now())
    assert send_queued_mail() == (2, 0)
    assert sorted(len(message.attachments) for message in mailoutbox) == [0, 1]


def test_the_outbox_worker_times_out_too_and_keeps_the_mail(settings, smtp_to):
    settings.MAIL_SEND_AFTER_COMMIT = False
    day = DayFactory()

    services.register(
        edition=day.edition, days=[day], name="Ana Peeters", email="ana@example.org", language="fr"
    )

    assert OutgoingMail.objects.get().status == MailStatus.QUEUED
    assert send_queued_mail() == (0, 1)
    mail = OutgoingMail.objects.get()
    assert (mail.status, mail.attempts) == (MailStatus.QUEUED, 1)


def test_with_debug_off_mail_is_left_to_the_outbox_worker():
    probe = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps([settings.MAIL_SEND_AFTER_COMMIT, settings.EMAIL_TIMEOUT]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], env=PRODUCTION_ENV, capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [False, 10]
