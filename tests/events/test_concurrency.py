"""Two organizers book the same space at the same time at once: the database lets exactly one through."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from events.models import Session
from events.services import save_session
from tests.events.factories import SessionFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_one_slot_let_exactly_one_through():
    template = SessionFactory(is_published=False)
    day, space = template.day, template.space
    template.delete()
    barrier = threading.Barrier(6)
    results: list[str] = []

    def book(index: int) -> None:
        try:
            session = Session(
                day=day,
                space=space,
                kind="talk",
                title=f"Talk {index}",
                title_fr=f"Talk {index}",
                starts_at=day.at(dt.time(14)),
                ends_at=day.at(dt.time(15)),
            )
            barrier.wait()
            save_session(session=session)
            results.append("saved")
        except ValidationError as error:
            results.append(error.messages[0][:20])
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count("saved") == 1
    assert len(results) == 6
    assert Session.objects.filter(space=space).count() == 1


@pytest.mark.django_db
def test_a_late_clash_becomes_a_clear_error_not_a_crash(monkeypatch):
    """Simulate the race: clean() sees a free slot, the database then refuses the write."""
    first = SessionFactory()
    late = Session(
        day=first.day,
        space=first.space,
        kind="talk",
        title="Late",
        title_fr="Late",
        starts_at=first.starts_at,
        ends_at=first.ends_at,
    )
    monkeypatch.setattr(Session, "clean", lambda self: None)
    with pytest.raises(ValidationError) as error:
        save_session(session=late)
    assert error.value.code == "session_clash"
