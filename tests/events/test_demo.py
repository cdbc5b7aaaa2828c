import datetime as dt
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import translation

from demo.events import next_spring_friday
from events.models import ArrivalWindow, Day, Edition, Space, Theme

pytestmark = pytest.mark.django_db


def snapshot() -> list:
    rows = []
    for model in (Edition, Day, ArrivalWindow, Space, Theme):
        rows.append(sorted(tuple(v) for v in model.objects.values_list()))
    return rows


def test_load_demo_twice_gives_the_same_data():
    call_command("load_demo", stdout=StringIO())
    first = snapshot()
    call_command("load_demo", stdout=StringIO())
    assert snapshot() == first


def test_load_demo_has_2024_past_and_an_open_upcoming_edition():
    call_command("load_demo", stdout=StringIO())
    past = Edition.objects.get(slug="2024")
    assert [d.date for d in past.days.all()] == [dt.date(2024, 3, 22), dt.date(2024, 3, 23)]
    assert past.is_past
    upcoming = Edition.objects.current()
    assert upcoming.registration_is_open()
    friday, saturday = upcoming.days.all()
    assert (friday.date.weekday(), saturday.date.weekday()) == (4, 5)
    assert friday.public_from == dt.time(12)
    with translation.override("nl"):
        assert Edition.objects.get(pk=upcoming.pk).venue_address == "Havenlaan 86C, 1000 Brussel"
    assert upcoming.themes.count() == 11


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2026, 11, 28), dt.date(2027, 3, 19)),
        (dt.date(2027, 2, 1), dt.date(2027, 3, 19)),
        (dt.date(2027, 3, 25), dt.date(2028, 3, 17)),
    ],
)
def test_next_spring_friday_is_third_friday_of_coming_march(today, expected):
    assert next_spring_friday(today) == expected


def texts_in(language: str) -> list[str]:
    """Every non-empty `<field>_<language>` text of every row, across the apps."""
    texts = []
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and f.name.endswith(f"_{language}")
        ]
        for row in model.objects.values_list(*fields) if fields else ():
            texts.extend(text for text in row if text)
    return texts


@pytest.mark.parametrize(("language", "name"), [("nl", "Digitale Lente"), ("en", "Digital Spring")])
def test_load_demo_names_the_fair_in_each_language(language, name):
    call_command("load_demo", stdout=StringIO())
    texts = texts_in(language)
    assert [text for text in texts if "Printemps Num" in text] == []
    assert any(name in text for text in texts)


def test_load_demo_creates_organizer_in_group(settings):
    from django.contrib.auth.models import User

    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    user = User.objects.get(username="organizer")
    assert user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == ["Organizers"]
    assert user.has_perm("events.change_day")


def test_load_demo_creates_no_known_password_account_in_production(settings):
    from django.contrib.auth.models import User

    settings.DEBUG = False
    call_command("load_demo", stdout=StringIO())
    assert not User.objects.exists()
