import datetime as dt

import pytest
from django.conf import settings
from django.utils import timezone

from core.errors import DomainError
from schools import services
from schools.enums import BookingStatus, SlotStatus
from schools.models import BookedSlot, ClassBooking, School
from tests.pdfs import page_count
from tests.schools.conftest import class_data, school_data
from tests.schools.factories import SchoolSettingsFactory
from tickets import codes
from tickets.enums import KIND_CODES
from tickets.mail import send_queued_mail
from tickets.models import OutgoingMail, Ticket

pytestmark = pytest.mark.django_db


def outbox():
    return list(OutgoingMail.objects.order_by("pk").prefetch_related("attachments"))


def book(slots, *, school=None, **kwargs):
    staff = kwargs.pop("staff", False)
    waitlist = kwargs.pop("waitlist", False)
    return services.book_class(
        school=school or school_data(),
        klass=class_data(**kwargs),
        slots=slots,
        staff=staff,
        waitlist=waitlist,
    )


def assert_refused(code, field, func, *args, **kwargs):
    counts = (ClassBooking.objects.count(), BookedSlot.objects.count(), School.objects.count())
    with pytest.raises(DomainError) as info:
        func(*args, **kwargs)
    assert (info.value.code, info.value.field) == (code, field)
    assert (ClassBooking.objects.count(), BookedSlot.objects.count(), School.objects.count()) == counts
    return info.value


def test_online_booking_holds_places_and_mails_a_confirm_link(slot):
    booking = book([slot])
    assert (booking.status, services.places_left(slot=slot)) == (BookingStatus.HELD, 10)
    assert booking.ticket is None
    mails = outbox()
    assert len(mails) == 1
    assert f"/fr/schools/confirm/{booking.confirm_token}/" in mails[0].body_text


def test_confirming_issues_one_group_ticket_and_mails_pdf_and_ics(slot):
    booking = book([slot], teacher_email="jan@example.org", language="nl")
    booking = services.confirm_booking(booking=booking)
    ticket = booking.ticket
    assert (ticket.kind, ticket.headcount, ticket.day_id, ticket.status) == (
        "school_group",
        23,
        slot.day_id,
        "valid",
    )
    mail = outbox()[-1]
    assert (mail.to, mail.subject.startswith("Boeking bevestigd")) == ("jan@example.org", True)
    attachments = list(mail.attachments.order_by("pk"))
    assert [(a.filename, a.mimetype) for a in attachments] == [
        ("printemps-numerique-ecole-du-parc-5a.pdf", "application/pdf"),
        ("printemps-numerique-ecole-du-parc-5a.ics", "text/calendar"),
    ]
    assert send_queued_mail() == (2, 0)  # the PDF and calendar are made when the mail is sent
    attachments = list(mail.attachments.order_by("pk"))
    assert bytes(attachments[0].content).startswith(b"%PDF")
    assert bytes(attachments[1].content).startswith(b"BEGIN:VCALENDAR")
    assert ("Tour & Taxis" in mail.body_text, "&amp;" in mail.body_text) == (True, False)
    payload = codes.decode(ticket.signed_code())
    assert (payload.kind, payload.headcount) == (KIND_CODES["school_group"], 23)


def test_confirming_twice_changes_nothing(slot):
    booking = services.confirm_booking(booking=book([slot]))
    again = services.confirm_booking(booking=booking)
    assert (again.ticket_id, Ticket.objects.count(), OutgoingMail.objects.count()) == (
        booking.ticket_id,
        1,
        2,
    )


def test_expired_hold_releases_places_and_cannot_be_confirmed_once_taken(slot):
    booking = book([slot])
    later = timezone.now() + dt.timedelta(minutes=61)
    assert services.places_left(slot=slot, at=later) == 30
    other = services.book_class(
        school=school_data("Autre école"), klass=class_data(pupils=25, adults=4), slots=[slot], now=later
    )
    assert other.status == BookingStatus.HELD
    with pytest.raises(DomainError) as info:
        services.confirm_booking(booking=booking, now=later)
    booking.refresh_from_db()
    assert (info.value.code, booking.status) == ("hold_expired", BookingStatus.EXPIRED)


def test_expired_hold_still_confirms_when_places_are_free(slot):
    booking = book([slot])
    later = timezone.now() + dt.timedelta(minutes=90)
    booking = services.confirm_booking(booking=booking, now=later)
    assert (booking.status, services.places_left(slot=slot)) == (BookingStatus.CONFIRMED, 10)


def test_expire_holds_marks_bookings_expired(slot):
    booking = book([slot])
    assert services.expire_holds(now=timezone.now() + dt.timedelta(hours=2)) == (1, 0)
    booking.refresh_from_db()
    assert (booking.status, list(booking.booked_slots.values_list("status", flat=True))) == (
        BookingStatus.EXPIRED,
        [SlotStatus.CANCELLED],
    )


def test_more_pupils_than_places_creates_nothing(slot):
    book([slot], pupils=20)
    error = assert_refused("not_enough_places", "pupils", book, [slot], school=school_data("B"), pupils=16)
    title = slot.workshop.title
    assert error.message == f"Il ne reste que 10 places dans « {title} » à 09:10, pour 16 élèves."


def test_full_slot_refused_then_waiting_list(slot):
    book([slot], pupils=30, adults=4)
    assert_refused("slot_full", "slots", book, [slot], school=school_data("B"))
    waiting = book([slot], school=school_data("B"), waitlist=True)
    assert list(waiting.booked_slots.values_list("status", flat=True)) == [SlotStatus.WAITING]


def test_zero_pupils_creates_nothing(slot):
    assert_refused("zero_pupils", "pupils", book, [slot], pupils=0, adults=1)


def test_unsuitable_level_creates_nothing(slot):
    assert_refused("level_unsuitable", "slots", book, [slot], level="P1")


def test_too_few_adults_creates_nothing(slot):
    error = assert_refused("too_few_adults", "adults", book, [slot], pupils=20, adults=2)
    assert "3" in error.message


def test_secondary_ratio_is_lower(slot):
    booking = book([slot], level="S2", pupils=30, adults=2)
    assert booking.adults == 2


def test_overlapping_slots_create_nothing(make_slot, make_workshop):
    first = make_slot(starts_at=dt.time(9, 10), ends_at=dt.time(10, 0))
    second = make_slot(starts_at=dt.time(9, 30), ends_at=dt.time(10, 20), workshop=make_workshop())
    assert_refused("overlap", "slots", book, [first, second])


def test_travel_time_between_rooms_counts_as_overlap(make_slot, make_workshop):
    first = make_slot(starts_at=dt.time(9, 10), ends_at=dt.time(10, 0))
    too_close = make_slot(starts_at=dt.time(10, 5), ends_at=dt.time(10, 55), workshop=make_workshop())
    assert_refused("overlap", "slots", book, [first, too_close])
    far_enough = make_slot(starts_at=dt.time(10, 10), ends_at=dt.time(11, 0), workshop=make_workshop())
    booking = book([first, far_enough])
    assert booking.booked_slots.count() == 2


def test_after_deadline_creates_nothing(edition, slot):
    edition.school_settings.booking_deadline = timezone.now() - dt.timedelta(minutes=1)
    edition.school_settings.booking_opens_at = timezone.now() - dt.timedelta(days=3)
    edition.school_settings.save()
    assert_refused("after_deadline", None, book, [slot])


def test_staff_may_book_after_deadline(edition, slot):
    edition.school_settings.booking_deadline = timezone.now() - dt.timedelta(minutes=1)
    edition.school_settings.booking_opens_at = timezone.now() - dt.timedelta(days=3)
    edition.school_settings.save()
    booking = book([slot], staff=True)
    assert (booking.status, booking.ticket.headcount, len(outbox())) == (BookingStatus.CONFIRMED, 23, 1)


def test_school_cap_creates_nothing(edition, make_slot):
    edition.school_settings.max_classes_per_school = 2
    edition.school_settings.save()
    slot = make_slot(capacity=30)
    book([slot], pupils=8, adults=1, class_name="A")
    book([slot], pupils=8, adults=1, class_name="B")
    assert_refused("school_cap", "school_name", book, [slot], pupils=8, adults=1, class_name="C")


def test_cancelled_booking_frees_the_school_cap(edition, slot):
    edition.school_settings.max_classes_per_school = 1
    edition.school_settings.save()
    first = book([slot], pupils=8, adults=1)
    services.cancel_booking(booking=first)
    assert book([slot], pupils=8, adults=1).status == BookingStatus.HELD


def test_change_headcount_reissues_the_group_ticket(slot):
    booking = services.confirm_booking(booking=book([slot]))
    old = booking.ticket
    booking = services.change_headcount(booking=booking, pupils=24, adults=3)
    old.refresh_from_db()
    assert (old.status, booking.ticket.headcount, booking.sequence) == ("cancelled", 27, 1)


def test_change_headcount_beyond_places_changes_nothing(slot):
    booking = services.confirm_booking(booking=book([slot]))
    book([slot], school=school_data("B"), pupils=8, adults=1)
    with pytest.raises(DomainError) as info:
        services.change_headcount(booking=booking, pupils=23, adults=3)
    booking.refresh_from_db()
    assert (info.value.code, booking.pupils, booking.ticket.headcount) == ("not_enough_places", 20, 23)


def test_swap_moves_the_class_and_offers_the_old_places(make_slot):
    first = make_slot(starts_at=dt.time(9, 10), ends_at=dt.time(10, 0), capacity=20)
    second = make_slot(starts_at=dt.time(10, 10), ends_at=dt.time(11, 0))
    booking = services.confirm_booking(booking=book([first]))
    waiting = services.confirm_booking(
        booking=book([first], school=school_data("B"), pupils=16, adults=2, waitlist=True)
    )
    row = booking.booked_slots.get()
    services.swap_slot(booked=row, new_slot=second)
    assert list(booking.booked_slots.values_list("slot_id", "status")) == [
        (first.pk, SlotStatus.CANCELLED),
        (second.pk, SlotStatus.RESERVED),
    ]
    offered = waiting.booked_slots.get()
    assert offered.status == SlotStatus.OFFERED
    offer_mail = outbox()[-1]
    assert (offer_mail.to, offer_mail.subject) == (
        "anne@example.org",
        "Une place est libre pour votre classe : " + first.workshop.title,
    )
    services.accept_offer(booked=offered)
    waiting.refresh_from_db()
    assert (waiting.ticket.headcount, services.places_left(slot=first)) == (18, 4)


def test_waiting_list_skips_a_class_too_big_for_the_freed_places(make_slot):
    slot = make_slot(capacity=30)
    small = services.confirm_booking(booking=book([slot], pupils=10, adults=2, class_name="S"))
    book([slot], school=school_data("B"), pupils=20, adults=3)
    big = services.confirm_booking(
        booking=book([slot], school=school_data("C"), pupils=25, adults=4, waitlist=True)
    )
    tiny = services.confirm_booking(
        booking=book([slot], school=school_data("D"), pupils=10, adults=2, waitlist=True)
    )
    services.cancel_booking(booking=small)
    assert [b.booked_slots.get().status for b in (big, tiny)] == [SlotStatus.WAITING, SlotStatus.OFFERED]


def test_offer_expires_and_goes_to_the_next(make_slot):
    slot = make_slot(capacity=20)
    first = services.confirm_booking(booking=book([slot], pupils=20, adults=3))
    a = services.confirm_booking(
        booking=book([slot], school=school_data("A"), pupils=10, adults=2, waitlist=True)
    )
    b = services.confirm_booking(
        booking=book([slot], school=school_data("B"), pupils=10, adults=2, waitlist=True)
    )
    services.change_headcount(booking=first, pupils=10, adults=2)
    assert [x.booked_slots.get().status for x in (a, b)] == [SlotStatus.OFFERED, SlotStatus.WAITING]
    services.expire_holds(now=timezone.now() + dt.timedelta(hours=2))
    assert [x.booked_slots.get().status for x in (a, b)] == [SlotStatus.CANCELLED, SlotStatus.OFFERED]


def test_accepting_an_expired_offer_is_refused(make_slot):
    slot = make_slot(capacity=20)
    first = services.confirm_booking(booking=book([slot], pupils=20, adults=3))
    a = services.confirm_booking(
        booking=book([slot], school=school_data("A"), pupils=10, adults=2, waitlist=True)
    )
    services.cancel_booking(booking=first)
    with pytest.raises(DomainError) as info:
        services.accept_offer(booked=a.booked_slots.get(), now=timezone.now() + dt.timedelta(hours=2))
    assert info.value.code == "offer_expired"


def test_cancel_booking_cancels_the_ticket_and_mails(slot):
    booking = services.confirm_booking(booking=book([slot]))
    services.cancel_booking(booking=booking)
    booking.ticket.refresh_from_db()
    assert (booking.ticket.status, services.places_left(slot=slot), len(outbox())) == ("cancelled", 30, 3)


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_the_cancellation_mail_does_not_invite_to_manage_the_cancelled_booking(slot, language):
    booking = services.confirm_booking(booking=book([slot], language=language))
    services.cancel_booking(booking=booking)
    *_, confirmed, cancelled = outbox()
    token = f"/schools/booking/{booking.manage_token}/"
    assert (token in confirmed.body_text, token in confirmed.body_html) == (True, True)
    assert (token in cancelled.body_text, token in cancelled.body_html) == (False, False)
    phone = settings.ORGANIZER["phone"]
    assert (phone in cancelled.body_text, phone in cancelled.body_html) == (True, True)


def test_cancel_last_workshop_cancels_ticket_but_keeps_booking(slot):
    booking = services.confirm_booking(booking=book([slot]))
    services.cancel_booked_slot(booked=booking.booked_slots.get())
    booking.refresh_from_db()
    booking.ticket.refresh_from_db()
    assert (booking.status, booking.ticket.status) == (BookingStatus.CONFIRMED, "cancelled")


def test_add_a_second_workshop_the_same_day(make_slot, make_workshop):
    first = make_slot(starts_at=dt.time(9, 10), ends_at=dt.time(10, 0))
    second = make_slot(starts_at=dt.time(10, 10), ends_at=dt.time(11, 0), workshop=make_workshop())
    clash = make_slot(starts_at=dt.time(9, 40), ends_at=dt.time(10, 30), workshop=make_workshop())
    booking = services.confirm_booking(booking=book([first]))
    services.add_slot(booking=booking, slot=second)
    with pytest.raises(DomainError) as info:
        services.add_slot(booking=booking, slot=clash)
    assert (info.value.code, booking.booked_slots.count(), Ticket.objects.valid().count()) == (
        "overlap",
        2,
        1,
    )


def test_a_class_cannot_book_the_same_workshop_at_two_times(make_slot, make_workshop):
    early = make_slot(starts_at=dt.time(9, 10), ends_at=dt.time(10, 0))
    late = make_slot(starts_at=dt.time(10, 10), ends_at=dt.time(11, 0))
    error = assert_refused("same_workshop_twice", "slots", book, [early, late])
    assert ("09:10" in error.message, "10:10" in error.message) == (True, True)
    other = make_slot(starts_at=dt.time(11, 10), ends_at=dt.time(12, 0), workshop=make_workshop())
    booking = services.confirm_booking(booking=book([early, other]))
    with pytest.raises(DomainError) as info:
        services.add_slot(booking=booking, slot=late)
    assert (info.value.code, info.value.field) == ("same_workshop_twice", "slots")
    with pytest.raises(DomainError) as info:
        services.swap_slot(booked=booking.booked_slots.get(slot=other), new_slot=late)
    assert (info.value.code, info.value.field) == ("same_workshop_twice", "new_slot")
    assert sorted(booking.booked_slots.values_list("slot_id", flat=True)) == sorted([early.pk, other.pk])
    services.swap_slot(booked=booking.booked_slots.get(slot=early), new_slot=late)
    assert sorted(
        booking.booked_slots.filter(status=SlotStatus.RESERVED).values_list("slot_id", flat=True)
    ) == (sorted([late.pk, other.pk]))


def test_reminders_are_sent_once(edition, day, slot):
    booking = services.confirm_booking(booking=book([slot]))
    count = OutgoingMail.objects.count()
    today = day.date - dt.timedelta(days=3)
    assert services.send_reminders(today=today - dt.timedelta(days=1)) == 0
    assert services.send_reminders(today=today) == 1
    assert services.send_reminders(today=today) == 0
    booking.refresh_from_db()
    assert (OutgoingMail.objects.count(), booking.reminded_at is not None) == (count + 1, True)


@pytest.fixture
def draw_edition(edition):
    SchoolSettingsFactory(edition=edition)
    edition.school_settings.allocation_mode = "draw"
    edition.school_settings.save()
    return edition


def test_draw_mode_collects_requests_without_taking_places(draw_edition, slot):
    booking = services.confirm_booking(booking=book([slot]))
    assert (booking.booked_slots.get().status, services.places_left(slot=slot), booking.ticket) == (
        SlotStatus.REQUESTED,
        30,
        None,
    )


def _draw_setup(make_slot):
    slot = make_slot(capacity=40)
    other = make_slot(starts_at=dt.time(10, 10), ends_at=dt.time(11, 0), capacity=40)
    bookings = []
    # School A asks for three classes, B and C for one each: 5 × 20 pupils for 2 × 40 places.
    for name, klass, target in [
        ("A", "1", slot),
        ("A", "2", slot),
        ("A", "3", other),
        ("B", "1", slot),
        ("C", "1", other),
    ]:
        bookings.append(
            services.confirm_booking(
                booking=book([target], school=school_data(name), class_name=klass, pupils=20, adults=3)
            )
        )
    return slot, other, bookings


def test_draw_is_reproducible_and_favours_schools_with_fewer_places(draw_edition, make_slot):
    _slot, _other, bookings = _draw_setup(make_slot)
    later = draw_edition.school_settings.booking_deadline + dt.timedelta(minutes=1)
    result = services.run_draw(edition=draw_edition, seed="fixed-seed", now=later)
    statuses = {(b.school.name, b.class_name): b.booked_slots.get().status for b in bookings}
    # B and C have nothing yet: they always get their class in; A gets one class in each slot at most.
    assert statuses[("B", "1")] == statuses[("C", "1")] == SlotStatus.RESERVED
    assert sorted(statuses.values()).count(SlotStatus.RESERVED) == 4
    assert (result.seed, draw_edition.school_settings.__class__.objects.get().draw_seed) == (
        "fixed-seed",
        "fixed-seed",
    )
    assert len([m for m in outbox() if m.dedupe_key and m.dedupe_key.startswith("schools:draw:")]) == 5
    first = sorted(result.granted)

    # Same requests, same seed: the same outcome.
    BookedSlot.objects.filter(booking__in=bookings).update(
        status=SlotStatus.REQUESTED, draw_rank=None, waiting_since=None
    )
    again = services.run_draw(edition=draw_edition, seed="fixed-seed", now=later, force=True)
    assert sorted(again.granted) == first


def test_draw_refused_before_deadline_and_twice(draw_edition, make_slot):
    with pytest.raises(DomainError) as info:
        services.run_draw(edition=draw_edition)
    assert info.value.code == "too_early"
    later = draw_edition.school_settings.booking_deadline + dt.timedelta(minutes=1)
    services.run_draw(edition=draw_edition, now=later)
    with pytest.raises(DomainError) as info:
        services.run_draw(edition=draw_edition, now=later)
    assert info.value.code == "already_drawn"


def test_commands_draw_and_reminders(draw_edition, slot):
    from io import StringIO

    from django.core.management import CommandError, call_command

    services.confirm_booking(booking=book([slot]))
    with pytest.raises(CommandError, match="too_early"):
        call_command("draw_workshops", edition=draw_edition.slug, stdout=StringIO())
    out = StringIO()
    call_command("draw_workshops", edition=draw_edition.slug, seed="abc", force=True, stdout=out)
    assert (
        out.getvalue().strip()
        == f"Draw for {draw_edition.slug}: seed abc; 1 places given, 0 classes on waiting lists."
    )
    out = StringIO()
    call_command("send_school_reminders", stdout=out)
    assert out.getvalue().strip() == "0 school reminders queued."
    out = StringIO()
    call_command("expire_school_holds", stdout=out)
    assert out.getvalue().strip() == "0 bookings and 0 offers expired."


def test_group_label_in_the_languages():
    from django.utils import translation

    from tests.schools.factories import ClassBookingFactory

    booking = ClassBookingFactory.build(pupils=12, adults=1)
    with translation.override("fr"):
        assert booking.group_label == "12 élèves et 1 adulte accompagnant"
    with translation.override("nl"):
        assert booking.group_label == "12 leerlingen en 1 begeleidende volwassene"


def test_unconfirmed_request_cannot_be_confirmed_after_the_deadline(draw_edition, slot):
    booking = book([slot])
    later = draw_edition.school_settings.booking_deadline + dt.timedelta(minutes=1)
    with pytest.raises(DomainError) as info:
        services.confirm_booking(booking=booking, now=later)
    booking.refresh_from_db()
    assert (info.value.code, booking.status) == ("hold_expired", BookingStatus.EXPIRED)


def test_same_school_found_whatever_the_case():
    first = services.find_or_create_school(data=school_data("École du Parc"))
    again = services.find_or_create_school(data=school_data("ÉCOLE DU PARC"))
    assert (again.pk, School.objects.count()) == (first.pk, 1)


def test_anonymize_keeps_counts_and_erases_the_teacher():
    from io import StringIO

    from django.core.management import call_command

    from tests.factories import EditionFactory
    from tests.schools.factories import ClassBookingFactory, SchoolDayFactory

    old = EditionFactory(
        starts_on=dt.date(2024, 3, 22),
        slug="old",
        registration_opens_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    )
    booking = ClassBookingFactory(
        day=SchoolDayFactory(edition=old),
        special_needs="wheelchair",
        status="cancelled",
        cancelled_at=timezone.now(),
        hold_expires_at=None,
    )
    upcoming = ClassBookingFactory(special_needs="quiet room")
    out = StringIO()
    call_command("anonymize_school_bookings", stdout=out)
    booking.refresh_from_db()
    upcoming.refresh_from_db()
    assert out.getvalue().strip() == "old: 1 special needs erased, 1 bookings anonymized."
    assert (booking.teacher_email, booking.teacher_name, booking.special_needs, booking.pupils) == (
        "",
        "",
        "",
        20,
    )
    assert (upcoming.teacher_email, upcoming.special_needs) == ("anne@example.org", "quiet room")


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_class_schedule_of_two_demo_workshops_fits_one_page(language):
    from demo import events as events_demo
    from demo import schools as schools_demo
    from schools.documents import class_pdf
    from schools.models import WorkshopSlot

    events_demo.load()
    schools_demo.load()  # the real group access and travel texts, the longest we ship
    slots = [
        slot
        for slot in WorkshopSlot.objects.filter(day__edition=events_demo.upcoming_edition())
        .select_related("workshop")
        .order_by("starts_at", "pk")
        if slot.workshop.level_min <= "P5" <= slot.workshop.level_max
    ]
    first = slots[0]
    second = next(s for s in slots if s.starts_at >= first.ends_at.replace(hour=first.ends_at.hour + 1))
    booking = book(
        [first, second],
        staff=True,
        level="P5",
        pupils=4,
        adults=1,
        language=language,
        special_needs="Fauteuil",
    )

    assert page_count(class_pdf(booking)) == 1
