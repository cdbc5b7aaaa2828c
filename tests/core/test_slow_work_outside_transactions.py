"""No PDF is rendered while a transaction is open: a transaction that writes a booking or a registration
locks its rows (for a class, the booking, school, slots and, through the group ticket, the day every
visitor's registration waits on), so slow work waits until it has committed, in the outbox worker.

The tests hold no transaction themselves (`transaction=True`): any open one comes from the code under test.
"""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection

import schools.documents
import tickets.documents
from schools import services
from schools.enums import AllocationMode
from tests.factories import DayFactory, EditionFactory
from tests.schools.conftest import class_data, school_data
from tests.schools.factories import SchoolDayFactory, SchoolSettingsFactory, WorkshopSlotFactory
from tests.tickets.conftest import form_data, register_confirmed
from tickets.models import Registration

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pdf_calls(monkeypatch) -> list[bool]:
    """Whether a transaction was open at each call of the PDF renderer, patched where it is looked up."""
    calls: list[bool] = []
    for module in (tickets.documents, schools.documents):
        real = module.render_pdf

        def render_pdf(*args, _real=real, **kwargs):
            calls.append(connection.in_atomic_block)
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, "render_pdf", render_pdf)
    return calls


def pdfs_mailed() -> list[str]:
    return [name for message in mail.outbox for name, _content, _mime in message.attachments]


def test_a_public_registration_renders_its_pdf_after_commit(client, pdf_calls):
    edition = EditionFactory()
    saturday = DayFactory(edition=edition, date=edition.ends_on, capacity=100)
    response = register_confirmed(client, form_data(saturday))
    assert (response.status_code, Registration.objects.count()) == (302, 1)
    assert (pdf_calls, len(pdfs_mailed())) == ([False], 1)


@pytest.fixture
def slot():
    edition = EditionFactory()
    SchoolSettingsFactory(edition=edition)
    return WorkshopSlotFactory(workshop__edition=edition, day=SchoolDayFactory(edition=edition))


def book(slot):
    return services.book_class(school=school_data(), klass=class_data(), slots=[slot])


def test_a_class_confirmation_update_and_reminder_render_their_pdf_after_commit(slot, pdf_calls):
    booking = services.confirm_booking(booking=book(slot))
    assert (pdf_calls, len(mail.outbox)) == ([False], 2)
    services.change_headcount(booking=booking, pupils=22, adults=3)
    assert (pdf_calls, len(mail.outbox)) == ([False, False], 3)
    assert services.send_reminders(today=slot.day.date) == 1
    assert (pdf_calls, len(mail.outbox)) == ([False, False, False], 4)
    pdf, ics = "printemps-numerique-ecole-du-parc-5a.pdf", "printemps-numerique-ecole-du-parc-5a.ics"
    assert pdfs_mailed() == [pdf, ics, pdf, ics, pdf, ics]


def test_the_draw_mails_render_their_pdf_after_commit(slot, pdf_calls):
    slot.day.edition.school_settings.allocation_mode = AllocationMode.DRAW
    slot.day.edition.school_settings.save()
    services.confirm_booking(booking=book(slot))
    later = slot.day.edition.school_settings.booking_deadline + dt.timedelta(minutes=1)
    services.run_draw(edition=slot.day.edition, now=later)
    assert (pdf_calls, mail.outbox[-1].attachments[0][0]) == (
        [False],
        "printemps-numerique-ecole-du-parc-5a.pdf",
    )
