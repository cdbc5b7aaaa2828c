"""Messages to registrants: audiences, languages and their fallback, news only to who opted in, sent once."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.urls import reverse

from console.enums import Audience, BroadcastStatus, MessageKind
from console.models import Broadcast, BroadcastRecipient
from console.services import messages as service
from tickets.enums import MailStatus
from tickets.models import OutgoingMail

pytestmark = pytest.mark.django_db

TEXTS = {
    "subject_fr": "Parking fermé",
    "body_fr": "Le parking est fermé samedi.",
    "subject_nl": "Parking gesloten",
    "body_nl": "De parking is zaterdag gesloten.",
}


def make_broadcast(edition, day=None, *, audience=Audience.VISITORS_DAY, kind=MessageKind.PRACTICAL, **texts):
    return Broadcast.objects.create(
        edition=edition, day=day, audience=audience, kind=kind, **(texts or TEXTS)
    )


def outbox() -> dict[str, tuple[str, str]]:
    return {m.to: (m.subject, m.body_text) for m in OutgoingMail.objects.all()}


def test_each_visitor_of_the_day_gets_it_in_their_language_english_falls_back_to_french(
    register, days, organizer
):
    register("Anne", on=(1,), language="fr")
    register("Bart", on=(1,), language="nl", companions=2)
    register("Carl", on=(1,), language="en")
    register("Dora", on=(0,), language="fr")  # another day
    broadcast = make_broadcast(days[0].edition, days[1])
    assert service.send_broadcast(broadcast_id=broadcast.pk, user=organizer) == 3
    mails = outbox()
    assert set(mails) == {"anne@example.org", "bart@example.org", "carl@example.org"}
    assert mails["anne@example.org"][0] == "Parking fermé"
    assert mails["bart@example.org"][0] == "Parking gesloten"
    assert "De parking is zaterdag gesloten." in mails["bart@example.org"][1]
    assert (
        mails["carl@example.org"][0] == "Parking fermé"
    )  # no English written: French, as content falls back
    broadcast.refresh_from_db()
    assert (broadcast.status, broadcast.sent_by) == (BroadcastStatus.QUEUED, organizer)


def test_news_goes_only_to_visitors_who_opted_in(register, days, organizer):
    register("Anne", on=(0,), news=True)
    register("Bart", on=(1,), news=False)
    register("Carl", on=(0, 1), news=True, language="nl")
    broadcast = make_broadcast(days[0].edition, audience=Audience.VISITORS_EDITION, kind=MessageKind.NEWS)
    service.send_broadcast(broadcast_id=broadcast.pk, user=organizer)
    assert sorted(outbox()) == ["anne@example.org", "carl@example.org"]


def test_one_address_registered_twice_gets_one_mail(register, days, organizer):
    register("Anne", on=(0,), email="same@example.org", language="fr")
    register("Anne again", on=(1,), email="same@example.org", language="nl")
    broadcast = make_broadcast(days[0].edition, audience=Audience.VISITORS_EDITION)
    assert service.send_broadcast(broadcast_id=broadcast.pk, user=organizer) == 1
    assert outbox()["same@example.org"][0] == "Parking gesloten"  # the latest registration's language


def test_a_second_send_queues_nothing(register, days, organizer):
    register("Anne", on=(0,))
    broadcast = make_broadcast(days[0].edition, days[0])
    service.send_broadcast(broadcast_id=broadcast.pk, user=organizer)
    with pytest.raises(service.AlreadySent):
        service.send_broadcast(broadcast_id=broadcast.pk, user=organizer)
    assert OutgoingMail.objects.count() == 1


def test_counts_show_sent_failed_and_pending(register, days, organizer):
    for name in ("Anne", "Bart", "Carl"):
        register(name, on=(0,))
    broadcast = make_broadcast(days[0].edition, days[0])
    service.send_broadcast(broadcast_id=broadcast.pk, user=organizer)
    anne, bart, _carl = (r.mail for r in BroadcastRecipient.objects.order_by("email"))
    OutgoingMail.objects.filter(pk=anne.pk).update(status=MailStatus.SENT)
    OutgoingMail.objects.filter(pk=bart.pk).update(last_error="SMTPServerDisconnected")
    counted = service.with_counts(Broadcast.objects.all()).get()
    assert (counted.sent, counted.failed, counted.pending) == (1, 1, 1)


def test_the_pages_write_preview_test_and_send(client, register, days, organizer, edition):
    organizer.email = "me@example.org"
    organizer.save()
    register("Bart", on=(0,), language="nl")
    client.force_login(organizer)
    data = {"audience": Audience.VISITORS_DAY, "day": days[0].pk, "kind": MessageKind.PRACTICAL, **TEXTS}
    response = client.post(reverse("console:message-new") + f"?edition={edition.slug}", data)
    broadcast = Broadcast.objects.get()
    assert response["Location"] == reverse("console:message", args=[broadcast.pk])
    page = client.get(reverse("console:message", args=[broadcast.pk]), {"language": "nl"}).content.decode()
    assert "Parking gesloten" in page
    preview = client.get(reverse("console:message-preview", args=[broadcast.pk]), {"language": "nl"})
    assert "De parking is zaterdag gesloten." in preview.content.decode()
    client.post(reverse("console:message-test", args=[broadcast.pk]), {"language": "nl"})
    assert outbox() == {"me@example.org": ("[Test] Parking gesloten", outbox()["me@example.org"][1])}
    client.post(reverse("console:message-send", args=[broadcast.pk]))
    client.post(reverse("console:message-send", args=[broadcast.pk]))  # the double click
    assert OutgoingMail.objects.filter(to="bart@example.org").count() == 1
    history = client.get(reverse("console:messages")).content.decode()
    assert "Parking fermé" in history


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"audience": Audience.VISITORS_DAY, "kind": MessageKind.PRACTICAL, **TEXTS}, "day"),
        ({"audience": Audience.EXHIBITORS, "kind": MessageKind.NEWS, **TEXTS}, "kind"),
        ({"audience": Audience.EXHIBITORS, "kind": MessageKind.PRACTICAL}, "subject_fr"),
    ],
)
def test_a_message_that_cannot_be_sent_is_refused_with_a_reason(client, organizer, edition, data, field):
    client.force_login(organizer)
    response = client.post(reverse("console:message-new") + f"?edition={edition.slug}", data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Broadcast.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_clicks_at_once_queue_the_message_once(register, days, organizer):
    for name in ("Anne", "Bart", "Carl"):
        register(name, on=(0,))
    broadcast = make_broadcast(days[0].edition, days[0])
    barrier = threading.Barrier(4)
    results: list[str] = []

    def click() -> None:
        try:
            barrier.wait()
            service.send_broadcast(broadcast_id=broadcast.pk, user=organizer)
            results.append("sent")
        except service.AlreadySent:
            results.append("already")
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["already", "already", "already", "sent"]
    assert OutgoingMail.objects.count() == 3


@pytest.mark.parametrize("count", [1, 4])
def test_the_history_costs_the_same_queries_whatever_its_length(
    client, register, days, organizer, edition, count, django_assert_num_queries
):
    register("Anne", on=(0,))
    for n in range(count):
        broadcast = make_broadcast(edition, days[0], subject_fr=f"Message {n}", body_fr="Texte")
        service.send_broadcast(broadcast_id=broadcast.pk, user=organizer)
    client.force_login(organizer)
    # session, user, its own and its groups' permissions, the edition asked for, the editions, the messages
    with django_assert_num_queries(7):
        page = client.get(reverse("console:messages"), {"edition": edition.slug}).content.decode()
    assert page.count("<tr>") == count + 1


@pytest.mark.parametrize(
    ("audience", "kind", "with_day"),
    [
        (Audience.EXHIBITORS, MessageKind.NEWS, False),  # news only to visitors, who opt in
        (Audience.VISITORS_DAY, MessageKind.PRACTICAL, False),  # a day's audience needs its day
        (Audience.VISITORS_EDITION, MessageKind.PRACTICAL, True),  # the edition's has none
    ],
)
def test_the_database_refuses_a_message_that_breaks_its_rules(days, audience, kind, with_day):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        make_broadcast(days[0].edition, days[0] if with_day else None, audience=audience, kind=kind)


@pytest.mark.parametrize("erase", ["registration", "edition"])
def test_an_erased_registrant_leaves_no_address_in_the_messages_sent(register, days, organizer, erase):
    from tickets import privacy

    anne = register("Anne", on=(0,))
    register("Bart", on=(0,))
    service.send_broadcast(broadcast_id=make_broadcast(days[0].edition, days[0]).pk, user=organizer)
    if erase == "registration":
        privacy.erase_registration(registration=anne)
        assert list(BroadcastRecipient.objects.values_list("email", flat=True)) == ["bart@example.org"]
    else:
        privacy.anonymize_edition(edition=days[0].edition)
        assert list(BroadcastRecipient.objects.values_list("email", flat=True)) == []


def test_a_draft_saved_after_it_was_sent_stays_sent_and_is_not_sent_again(register, days, organizer):
    """Two organizers: one sends while the other's edit of the same draft is on its way; the edit must not
    turn the message back into a draft that a second click would send to everybody again."""
    from console.forms import BroadcastForm

    register("Anne", on=(0,))
    broadcast = make_broadcast(days[0].edition, days[0])
    data = {"audience": Audience.VISITORS_DAY, "day": days[0].pk, "kind": MessageKind.PRACTICAL, **TEXTS}
    form = BroadcastForm(data, instance=Broadcast.objects.get(pk=broadcast.pk), edition=days[0].edition)
    assert form.is_valid()
    service.send_broadcast(broadcast_id=broadcast.pk, user=organizer)

    with pytest.raises(service.NoLongerDraft):
        service.save_draft(form=form)
    with pytest.raises(service.AlreadySent):
        service.send_broadcast(broadcast_id=broadcast.pk, user=organizer)

    broadcast.refresh_from_db()
    assert (broadcast.status, OutgoingMail.objects.count()) == (BroadcastStatus.QUEUED, 1)


def test_news_stopped_on_one_page_of_tickets_stops_for_the_address(register, days, organizer):
    """The news says "you can stop it on the page of your tickets": an address with two registrations that
    stops it on one of them gets no more news, though the other had asked for it too."""
    from tickets.services import withdraw_news_consent

    first = register("Anne", on=(0,), news=True)
    register("Anne", on=(1,), news=True)
    register("Bart", on=(1,), news=True)
    withdraw_news_consent(registration=first)

    broadcast = make_broadcast(days[0].edition, audience=Audience.VISITORS_EDITION, kind=MessageKind.NEWS)
    service.send_broadcast(broadcast_id=broadcast.pk, user=organizer)

    assert list(outbox()) == ["bart@example.org"]
