"""Back office: stand allocation with clear clash messages, search and filters, portal links."""

import html

import pytest
from django.urls import reverse

from exhibitors.models import Stand

from .factories import ExhibitorFactory, StandFactory

pytestmark = pytest.mark.django_db


def stand_form(stand: Stand, **changes) -> dict:
    data = {
        "edition": stand.edition_id,
        "hall": stand.hall_id,
        "code": stand.code,
        "exhibitor": stand.exhibitor_id or "",
        "x": stand.x,
        "y": stand.y,
        "width": stand.width,
        "height": stand.height,
        "power": stand.power,
        "step_free": "on",
        "turning_space": "on",
        "accessibility_notes_fr": "",
        "accessibility_notes_nl": "",
        "accessibility_notes_en": "",
    }
    data.update(changes)
    return data


def test_moving_a_stand_onto_another_names_the_clash(admin_client, exhibitor, hall):
    free = StandFactory(hall=hall, code="A13", x=30, y=30)

    response = admin_client.post(
        reverse("admin:exhibitors_stand_change", args=[free.pk]), stand_form(free, x=11, y=11)
    )

    assert response.status_code == 200
    assert "Le stand A13 chevaucherait le stand A12 (Robotix) dans Hall A." in response.content.decode()
    free.refresh_from_db()
    assert (free.x, free.y) == (30, 30)


def test_giving_an_exhibitor_a_second_stand_names_its_stand(admin_client, exhibitor, hall):
    free = StandFactory(hall=hall, code="A13", x=30, y=30)

    response = admin_client.post(
        reverse("admin:exhibitors_stand_change", args=[free.pk]), stand_form(free, exhibitor=exhibitor.pk)
    )

    assert "Robotix a déjà le stand A12. Libérez d'abord le stand A12." in html.unescape(
        response.content.decode()
    )
    assert Stand.objects.get(pk=free.pk).exhibitor is None


def test_allocating_a_free_stand(admin_client, hall):
    newcomer = ExhibitorFactory(edition=hall.edition, name="Newcomer")
    free = StandFactory(hall=hall, code="A13", x=30, y=30)

    response = admin_client.post(
        reverse("admin:exhibitors_stand_change", args=[free.pk]), stand_form(free, exhibitor=newcomer.pk)
    )

    assert response.status_code == 302
    assert Stand.objects.get(pk=free.pk).exhibitor == newcomer


def test_exhibitor_list_searches_and_filters(admin_client, exhibitor):
    ExhibitorFactory(edition=exhibitor.edition, name="Other")

    found = admin_client.get(reverse("admin:exhibitors_exhibitor_changelist") + "?q=robo")
    with_stand = admin_client.get(reverse("admin:exhibitors_exhibitor_changelist") + "?has_stand=yes")

    assert list(found.context["cl"].queryset) == [exhibitor]
    assert list(with_stand.context["cl"].queryset) == [exhibitor]


def test_send_portal_link_action_mails_the_contact(
    admin_client, exhibitor, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:exhibitors_exhibitor_changelist"),
            {"action": "send_portal_links", "_selected_action": [exhibitor.pk]},
        )

    assert [m.to for m in mailoutbox] == [["secret.person@robotix.example"]]
