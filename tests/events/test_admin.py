"""The back office: language tabs from local files, every list on the current edition by default with the
edition shown, a registration's tickets offered only its own edition's days."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import User

from events.admin_filters import EditionFilter
from tests.events.factories import SessionFactory
from tests.factories import DayFactory, EditionFactory, RegistrationFactory, TicketFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("boss", "boss@example.org", "x"))
    return client


@pytest.fixture
def editions():
    old = EditionFactory(
        slug="2024",
        name="Edition 2024",
        starts_on=dt.date(2024, 3, 22),
        registration_opens_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    )
    return old, EditionFactory(slug="2027", name="Edition 2027")


def test_the_language_tabs_load_jquery_ui_from_the_site_itself(admin_client, editions):
    session = SessionFactory(day=DayFactory(edition=editions[1]))
    page = admin_client.get(f"/admin/events/session/{session.pk}/change/").content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert "/static/vendor/jquery-ui.min.js" in scripts
    assert "/static/modeltranslation/js/tabbed_translation_fields.js" in scripts
    assert [src for src in scripts if "//" in src] == []


def test_lists_show_the_current_edition_by_default_with_an_edition_column(admin_client, editions):
    old, new = editions
    SessionFactory(title_fr="Old talk", day=DayFactory(edition=old))
    SessionFactory(title_fr="New talk", day=DayFactory(edition=new))
    default = admin_client.get("/admin/events/session/")
    assert [str(s.title) for s in default.context["cl"].result_list] == ["New talk"]
    assert "column-edition" in default.content.decode()
    everything = admin_client.get("/admin/events/session/?edition=all")
    assert sorted(str(s.title) for s in everything.context["cl"].result_list) == ["New talk", "Old talk"]
    older = admin_client.get("/admin/events/session/?edition=2024")
    assert [str(s.title) for s in older.context["cl"].result_list] == ["Old talk"]


@pytest.mark.parametrize(
    "path",
    ["/admin/tickets/ticket/", "/admin/tickets/registration/", "/admin/schools/classbooking/",
     "/admin/checkin/checkin/", "/admin/exhibitors/stand/", "/admin/exhibitors/staffmember/"],
)  # fmt: skip
def test_other_lists_answer_with_the_edition_filter(admin_client, editions, path):
    response = admin_client.get(path)
    assert response.status_code == 200
    assert [
        type(spec).path for spec in response.context["cl"].filter_specs if isinstance(spec, EditionFilter)
    ]


def test_a_registrations_tickets_are_offered_only_its_editions_days(admin_client, editions):
    old, new = editions
    old_day, new_day = DayFactory(edition=old), DayFactory(edition=new)
    registration = RegistrationFactory(edition=new)
    TicketFactory(registration=registration, day=new_day)
    page = admin_client.get(f"/admin/tickets/registration/{registration.pk}/change/").content.decode()
    select = re.search(r'<select name="tickets-0-day".*?</select>', page, re.S).group(0)
    assert re.findall(r'<option value="(\d+)"', select) == [str(new_day.pk)]
    assert str(old_day.pk) not in re.findall(r'<option value="(\d+)"', select)
