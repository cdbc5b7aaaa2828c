"""Staff act on a registration through the visitors' own services: resend, cancel one or all, add a
companion, move to another day with places, a new link. Each action is recorded; a form sent twice acts
once (on PostgreSQL too, with two requests at the same moment)."""

import datetime as dt
import threading
import time

import pytest
from django.db import connection
from django.urls import reverse

from console.models import StaffAction
from console.services import actions as services
from tests.factories import TicketFactory
from tickets.models import DayRegistration, OutgoingMail, Ticket
from tickets.services import cancellation, register


@pytest.fixture
def ann(saturday):
    return register(
        edition=saturday.edition, days=[saturday], name="Ann", email="ann@example.org", companions=["Bo"]
    )


@pytest.fixture
def staff_client(client, console_organizer):
    client.force_login(console_organizer)
    return client


def act(client, registration, **data):
    return client.post(reverse("console:registration-action", args=[registration.public_id]), data)


def valid_days(registration) -> list:
    return sorted(Ticket.objects.valid_of(registration).values_list("day__date", "holder_name"))


def kinds(registration) -> list[str]:
    return list(StaffAction.objects.filter(registration=registration).values_list("kind", flat=True))


@pytest.mark.django_db
def test_resend_mails_the_tickets_and_is_recorded(staff_client, ann, console_organizer):
    OutgoingMail.objects.all().delete()
    act(staff_client, ann, action="resend", nonce="a1")
    act(staff_client, ann, action="resend", nonce="a1")  # the same form again
    assert list(OutgoingMail.objects.values_list("to", flat=True)) == ["ann@example.org"]
    action = StaffAction.objects.get()
    assert (action.kind, action.user, action.registration, action.details) == (
        "resend",
        console_organizer,
        ann,
        "ann@example.org",
    )
    page = staff_client.get(reverse("console:registration", args=[ann.public_id])).content.decode()
    assert "Alex" in page


@pytest.mark.django_db
def test_cancel_one_ticket_then_all(staff_client, ann, saturday):
    bo = Ticket.objects.get(registration=ann, holder_name="Bo")
    act(staff_client, ann, action="cancel_ticket", ticket=bo.public_id, nonce="c1")
    assert valid_days(ann) == [(saturday.date, "Ann")]
    act(staff_client, ann, action="cancel_all", nonce="c2")  # not confirmed: nothing happens
    assert valid_days(ann) == [(saturday.date, "Ann")]
    act(staff_client, ann, action="cancel_all", nonce="c2", confirm="on")
    assert valid_days(ann) == []
    assert not DayRegistration.objects.filter(registration=ann).exists()
    assert kinds(ann) == ["cancel_all", "cancel_ticket"]


@pytest.mark.django_db
def test_cancelling_twice_says_so_and_records_once(staff_client, ann):
    """Another tab, the same intent: the second finds nothing left to cancel."""
    act(staff_client, ann, action="cancel_all", nonce="x1", confirm="on")
    response = act(staff_client, ann, action="cancel_all", nonce="x2", confirm="on")
    assert response.status_code == 302
    assert kinds(ann) == ["cancel_all"]


@pytest.mark.django_db
def test_add_a_companion(staff_client, ann, saturday):
    act(staff_client, ann, action="add_companion", first_name="Cy", people_seen="2", nonce="p1")
    act(staff_client, ann, action="add_companion", first_name="Cy", people_seen="2", nonce="p2")  # stale page
    assert valid_days(ann) == [(saturday.date, "Ann"), (saturday.date, "Bo"), (saturday.date, "Cy")]
    assert kinds(ann) == ["add_companion"]


@pytest.mark.django_db
def test_move_to_a_day_with_places(staff_client, ann, saturday, sunday):
    OutgoingMail.objects.all().delete()
    act(staff_client, ann, action="move", from_day=saturday.pk, to_day=sunday.pk, nonce="m1")
    assert valid_days(ann) == [(sunday.date, "Ann"), (sunday.date, "Bo")]
    assert list(DayRegistration.objects.filter(registration=ann).values_list("day", flat=True)) == [sunday.pk]
    assert OutgoingMail.objects.count() == 1
    assert kinds(ann) == ["move_day"]


@pytest.mark.django_db
def test_move_to_a_full_day_is_refused_and_changes_nothing(staff_client, ann, saturday, sunday):
    for _ in range(9):
        TicketFactory(day=sunday)
    response = act(staff_client, ann, action="move", from_day=saturday.pk, to_day=sunday.pk, nonce="m1")
    assert valid_days(ann) == [(saturday.date, "Ann"), (saturday.date, "Bo")]
    assert kinds(ann) == []
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Cette journée est complète."]


@pytest.mark.django_db
def test_a_new_link_replaces_the_old_one(staff_client, ann):
    old = ann.manage_token
    act(staff_client, ann, action="new_link", nonce="l1")
    ann.refresh_from_db()
    assert ann.manage_token != old
    page = staff_client.get(reverse("console:registration", args=[ann.public_id])).content.decode()
    assert ann.manage_token in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("perms", "status"),
    [((), 403), (("tickets.view_registration",), 403), (("tickets.change_registration",), 302)],
)
def test_actions_need_the_change_permission(client, make_staff, ann, perms, status):
    client.force_login(make_staff(*perms))
    assert act(client, ann, action="resend", nonce="z").status_code == status


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(client, ann):
    response = act(client, ann, action="cancel_all")
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]
    assert valid_days(ann) != []


def _twice(target) -> list:
    barrier = threading.Barrier(2)
    errors: list = []

    def run():
        try:
            barrier.wait()
            target()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("same_form", [True, False])
def test_two_moves_at_once_move_once(console_organizer, ann, saturday, sunday, same_form):
    nonces = iter(["same", "same"] if same_form else ["one", "two"])
    lock = threading.Lock()

    def move():
        with lock:
            nonce = next(nonces)
        services.move_to_day(
            user=console_organizer, registration=ann, from_day=saturday, to_day=sunday, nonce=nonce
        )

    errors = _twice(move)
    assert valid_days(ann) == [(sunday.date, "Ann"), (sunday.date, "Bo")]
    assert Ticket.objects.filter(day=sunday).count() == 2
    assert kinds(ann) == ["move_day"]
    assert len(errors) == (0 if same_form else 1)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("guard", [True, False])
def test_two_cancels_at_once_cancel_once(console_organizer, ann, settings, monkeypatch, guard):
    """Both requests pause after reading the tickets, so both read them valid unless the registration lock
    makes the second wait; the control run (guard off) shows the test catches the double action."""
    settings.CONCURRENCY_GUARD_CONSOLE_ACTIONS = guard
    slow = cancellation.cancel_ticket

    def cancel_slowly(*, ticket):
        time.sleep(0.3)
        return slow(ticket=ticket)

    monkeypatch.setattr(cancellation, "cancel_ticket", cancel_slowly)
    errors = _twice(lambda: services.cancel_all(user=console_organizer, registration=ann, nonce=""))
    assert valid_days(ann) == []
    if guard:
        assert kinds(ann) == ["cancel_all"]
        assert len(errors) == 1
    else:
        assert kinds(ann) == ["cancel_all", "cancel_all"]


@pytest.mark.django_db
def test_move_picks_an_arrival_time_with_room_on_the_new_day(console_organizer, ann, saturday, sunday):
    from tests.factories import ArrivalWindowFactory

    full = ArrivalWindowFactory(day=sunday, capacity=1)
    roomy = ArrivalWindowFactory(day=sunday, starts_at=full.ends_at, ends_at=dt.time(16), capacity=5)
    services.move_to_day(
        user=console_organizer, registration=ann, from_day=saturday, to_day=sunday, nonce="w"
    )
    assert set(Ticket.objects.valid_of(ann).values_list("arrival_window", flat=True)) == {roomy.pk}


@pytest.mark.django_db
def test_move_to_a_day_already_held_or_to_a_schools_day_is_refused(console_organizer, ann, saturday, sunday):
    from tickets.exceptions import AlreadyRegistered, DayNotAvailable

    TicketFactory(day=sunday, registration=ann)
    with pytest.raises(AlreadyRegistered):
        services.move_to_day(user=console_organizer, registration=ann, from_day=saturday, to_day=sunday)
    sunday.audience = "schools"
    sunday.save()
    with pytest.raises(DayNotAvailable):
        services.move_to_day(user=console_organizer, registration=ann, from_day=saturday, to_day=sunday)
    assert kinds(ann) == []


@pytest.mark.django_db
@pytest.mark.parametrize("erase", ["registration", "edition"])
def test_erasing_the_registration_erases_what_its_actions_recorded_of_it(console_organizer, ann, erase):
    from tickets import privacy

    bo = Ticket.objects.get(registration=ann, holder_name="Bo")
    services.add_companion(user=console_organizer, registration=ann, first_name="Cyrielle", nonce="e0")
    services.resend_tickets(user=console_organizer, registration=ann, nonce="e1")
    services.cancel_ticket(user=console_organizer, registration=ann, ticket_id=bo.public_id, nonce="e2")
    if erase == "registration":
        privacy.erase_registration(registration=ann)
    else:
        privacy.anonymize_edition(edition=ann.edition)
    recorded = list(StaffAction.objects.filter(registration=ann).values_list("kind", "details"))
    assert recorded == [("cancel_ticket", ""), ("resend", ""), ("add_companion", "")]


@pytest.mark.django_db
@pytest.mark.parametrize("action", ["give_new_link", "resend_tickets", "cancel_all"])
def test_an_action_on_a_registration_erased_meanwhile_does_nothing(console_organizer, ann, action):
    """The page was opened, then the visitor deleted their data, then the button was pressed: the erased
    registration is found under the lock, and nothing is mailed to the address it had."""
    from tickets import privacy
    from tickets.exceptions import NotAllowed

    opened = type(ann).objects.get(pk=ann.pk)
    privacy.erase_registration(registration=ann)
    OutgoingMail.objects.all().delete()

    with pytest.raises(NotAllowed):
        getattr(services, action)(user=console_organizer, registration=opened, nonce="late")

    assert (OutgoingMail.objects.count(), kinds(ann)) == (0, [])


@pytest.fixture
def pending(saturday):
    return register(
        edition=saturday.edition,
        days=[saturday],
        name="Pia",
        email="pia@example.org",
        companions=["Lou"],
        confirm_by_mail=True,
    )


@pytest.mark.django_db
def test_a_pending_registration_shows_its_held_places_and_only_what_fits(staff_client, pending):
    page = staff_client.get(reverse("console:registration", args=[pending.public_id])).content.decode()
    assert "En attente de la confirmation de l’adresse e-mail" in page
    assert "2 places" in page  # the page is in French
    assert 'value="confirm_link"' in page
    assert 'value="confirm"' in page
    assert 'value="cancel_all"' not in page  # it has no ticket yet


@pytest.mark.django_db
def test_staff_mail_the_confirmation_link_again(staff_client, pending):
    OutgoingMail.objects.all().delete()
    act(staff_client, pending, action="confirm_link", nonce="c1")
    act(staff_client, pending, action="confirm_link", nonce="c1")  # the same form again
    assert list(OutgoingMail.objects.values_list("to", flat=True)) == ["pia@example.org"]
    assert kinds(pending) == ["confirm_link"]
    assert not Ticket.objects.filter(registration=pending).exists()


@pytest.mark.django_db
def test_staff_confirm_for_the_visitor_once_the_box_is_ticked(staff_client, pending):
    response = act(staff_client, pending, action="confirm", nonce="k1")
    assert not Ticket.objects.filter(registration=pending).exists()  # the box was not ticked
    assert "Cochez la case" in staff_client.get(response.url).content.decode()

    act(staff_client, pending, action="confirm", checked_with_visitor="on", nonce="k2")
    act(staff_client, pending, action="confirm", checked_with_visitor="on", nonce="k3")  # again, later
    pending.refresh_from_db()
    assert pending.is_confirmed
    assert valid_days(pending) == [
        (pending.edition.days.get().date, "Lou"),
        (pending.edition.days.get().date, "Pia"),
    ]
    assert kinds(pending) == ["staff_confirmed"]
    page = staff_client.get(reverse("console:registration", args=[pending.public_id])).content.decode()
    assert "En attente de la confirmation" not in page


@pytest.mark.django_db
def test_a_confirmation_after_the_hold_ran_out_on_a_full_day_is_refused_clearly(
    staff_client, pending, saturday
):
    pending.hold_expires_at = pending.created_at - dt.timedelta(minutes=1)
    pending.save(update_fields=["hold_expires_at"])
    saturday.capacity = 1
    saturday.save(update_fields=["capacity"])
    register(edition=saturday.edition, days=[saturday], name="Tom", email="tom@example.org")
    response = act(staff_client, pending, action="confirm", checked_with_visitor="on", nonce="k4")
    assert "inscrivez la personne pour un autre jour" in staff_client.get(response.url).content.decode()
    assert not Ticket.objects.filter(registration=pending).exists()
    assert kinds(pending) == []
