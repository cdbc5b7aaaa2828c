import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from tests.factories import DayFactory, EditionFactory
from tests.tickets.conftest import form_data, register_confirmed
from tickets import services
from tickets.enums import MailStatus
from tickets.models import OutgoingMail, Registration, Ticket, WaitingListEntry

pytestmark = pytest.mark.django_db(transaction=True)


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_registration_succeeds_when_mail_server_is_down_and_mail_goes_later(client, settings):
    edition = EditionFactory()
    day = DayFactory(edition=edition)
    settings.EMAIL_BACKEND = "tests.tickets.test_commands.BrokenBackend"
    response = register_confirmed(client, form_data(day))
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert registration.tickets.valid().count() == 1
    queued = list(OutgoingMail.objects.order_by("pk").values_list("status", "attempts", "to"))
    assert queued == [(MailStatus.QUEUED, 1, "ana@example.org")] * 2  # the confirmation link, the tickets

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingMail.objects.update(next_attempt_at=timezone.now())
    call_command("send_queued_mail", stdout=StringIO())
    [link, message] = sorted(mail.outbox, key=lambda m: len(m.attachments))
    assert registration.manage_token in link.body
    assert message.subject == f"Vos billets pour {edition.name}"
    assert message.attachments[0][0].endswith(".pdf")


def test_send_reminders_the_day_before_once(settings):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    edition = EditionFactory(starts_on=tomorrow, ends_on=tomorrow)
    day = DayFactory(edition=edition, date=tomorrow)
    other = DayFactory(edition=EditionFactory())
    services.register(edition=edition, days=[day], name="Jan", email="jan@example.org", language="nl")
    services.register(edition=edition, days=[day], name="Desk", channel="desk")  # no email: nothing to send
    services.register(edition=other.edition, days=[other], name="Later", email="later@example.org")
    cancelled = services.register(edition=edition, days=[day], name="Gone", email="gone@example.org")
    services.cancel_tickets(registration=cancelled)
    mail.outbox.clear()
    out = StringIO()
    call_command("send_reminders", stdout=out)
    call_command("send_reminders", stdout=out)
    assert out.getvalue().splitlines() == [
        f"reminders queued for {tomorrow.isoformat()}: 1",
        f"reminders queued for {tomorrow.isoformat()}: 0",
    ]
    [message] = mail.outbox
    assert (message.to, message.subject) == (["jan@example.org"], f"Tot morgen op {edition.name}")
    assert message.attachments[0][2] == "application/pdf"


def test_anonymize_edition_after_the_delay_keeps_counts(settings):
    settings.TICKETS_ANONYMIZE_AFTER_DAYS = 30
    today = timezone.localdate()
    old = EditionFactory(
        starts_on=today - dt.timedelta(days=40),
        ends_on=today - dt.timedelta(days=39),
        registration_opens_at=timezone.now() - dt.timedelta(days=100),
        registration_closes_at=timezone.now() - dt.timedelta(days=39),
    )
    recent = EditionFactory(
        starts_on=today - dt.timedelta(days=5),
        ends_on=today - dt.timedelta(days=4),
        registration_opens_at=timezone.now() - dt.timedelta(days=100),
        registration_closes_at=timezone.now() - dt.timedelta(days=4),
    )
    for edition in (old, recent):
        registration = Registration.objects.create(
            edition=edition,
            name="Ana",
            email=f"ana-{edition.slug}@example.org",
            postal_code="1000",
            accessibility_needs="Fauteuil",
            accessibility_consent_at=timezone.now(),
        )
        day = DayFactory(edition=edition, date=edition.starts_on)
        Ticket.objects.create(
            edition=edition, day=day, registration=registration, holder_name="Ana", position=0
        )
        Ticket.objects.create(
            edition=edition, day=day, registration=registration, holder_name="Lou", position=1
        )
        WaitingListEntry.objects.create(day=day, name="Wait", email=f"w-{edition.slug}@example.org", places=2)
    OutgoingMail.objects.create(to=f"ana-{old.slug}@example.org", subject="Vos billets", body_text="Ana")

    out = StringIO()
    call_command("anonymize_edition", stdout=out)
    old_reg = Registration.objects.get(edition=old)
    recent_reg = Registration.objects.get(edition=recent)
    assert (old_reg.name, old_reg.email, old_reg.accessibility_needs, old_reg.postal_code) == (
        "",
        "",
        "",
        "1000",
    )
    assert old_reg.anonymized_at is not None
    assert list(Ticket.objects.filter(edition=old).values_list("holder_name", flat=True)) == ["", ""]
    assert Ticket.objects.filter(edition=old).count() == 2  # counts kept
    assert WaitingListEntry.objects.get(day__edition=old).email == ""
    assert OutgoingMail.objects.count() == 0
    # the recent edition is over: its accessibility needs are gone, names are kept until the delay passes
    assert (recent_reg.name, recent_reg.accessibility_needs) == ("Ana", "")
    assert "anonymized registrations 1" in out.getvalue()

    second = StringIO()
    call_command("anonymize_edition", stdout=second)
    assert "nothing to anonymize" in second.getvalue()
