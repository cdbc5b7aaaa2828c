"""save_session: SEQUENCE, LAST-MODIFIED, the public change log, and the admin going through it."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from events.enums import ChangeKind, SessionStatus
from events.models import Session, SessionChange
from events.services import cancel_session, prepare_speaker_photo, reschedule_session, save_session
from tests.events.factories import SessionFactory
from tests.factories import SpaceFactory

pytestmark = pytest.mark.django_db

LATER = dt.datetime(2030, 1, 1, 12, tzinfo=dt.UTC)


def test_new_session_starts_at_sequence_zero_with_its_last_modified():
    session = SessionFactory.build(day=SessionFactory().day)
    session.space = SpaceFactory(edition=session.day.edition)
    save_session(session=session, at=LATER)
    session.refresh_from_db()
    assert (session.sequence, session.last_modified) == (0, LATER)


def test_rescheduling_bumps_sequence_keeps_uid_and_logs_the_change():
    session = SessionFactory()
    uid, old_start, old_end = session.uid, session.starts_at, session.ends_at
    reschedule_session(
        session=session,
        starts_at=old_start + dt.timedelta(hours=2),
        ends_at=old_end + dt.timedelta(hours=2),
        at=LATER,
    )
    session.refresh_from_db()
    assert (session.uid, session.sequence, session.last_modified) == (uid, 1, LATER)
    change = SessionChange.objects.get()
    assert (change.kind, change.old_starts_at, change.new_starts_at, change.changed_at) == (
        ChangeKind.RESCHEDULED,
        old_start,
        old_start + dt.timedelta(hours=2),
        LATER,
    )


def test_moving_and_cancelling_are_logged():
    session = SessionFactory()
    old_space = session.space
    new_space = SpaceFactory(edition=session.day.edition)
    reschedule_session(session=session, starts_at=session.starts_at, ends_at=session.ends_at, space=new_space)
    cancel_session(session=session)
    kinds = list(SessionChange.objects.order_by("pk").values_list("kind", "old_space", "new_space"))
    assert kinds == [(ChangeKind.MOVED, old_space.pk, new_space.pk), (ChangeKind.CANCELLED, None, None)]
    session.refresh_from_db()
    assert (session.sequence, session.status) == (2, SessionStatus.CANCELLED)


def test_title_change_bumps_sequence_without_a_log_line():
    session = SessionFactory()
    session.title_nl = "Nieuwe titel"
    save_session(session=session)
    assert Session.objects.get().sequence == 1
    assert SessionChange.objects.count() == 0


def test_description_change_moves_last_modified_but_not_sequence():
    session = SessionFactory()
    session.description_en = "Better words."
    save_session(session=session, at=LATER)
    session.refresh_from_db()
    assert (session.sequence, session.last_modified) == (0, LATER)


def test_unpublished_session_changes_are_not_logged():
    session = SessionFactory(is_published=False)
    reschedule_session(
        session=session,
        starts_at=session.starts_at + dt.timedelta(hours=1),
        ends_at=session.ends_at + dt.timedelta(hours=1),
    )
    assert SessionChange.objects.count() == 0


def test_invalid_change_raises_and_changes_nothing():
    session = SessionFactory()
    SessionFactory(
        day=session.day,
        space=session.space,
        starts_at=session.ends_at,
        ends_at=session.ends_at + dt.timedelta(hours=1),
    )
    with pytest.raises(ValidationError):
        reschedule_session(
            session=session,
            starts_at=session.starts_at + dt.timedelta(minutes=30),
            ends_at=session.ends_at + dt.timedelta(minutes=30),
        )
    stored = Session.objects.get(pk=session.pk)
    assert (stored.sequence, SessionChange.objects.count()) == (0, 0)


def test_admin_save_goes_through_the_service(admin_client):
    session = SessionFactory()
    url = f"/admin/events/session/{session.pk}/change/"
    form = {
        "kind": session.kind,
        "title_fr": session.title_fr,
        "title_nl": session.title_nl,
        "title_en": session.title_en,
        "description_fr": "",
        "description_nl": "",
        "description_en": "",
        "language": session.language,
        "audience": session.audience,
        "day": session.day.pk,
        "starts_at_0": "",
        "space": session.space.pk,
        "status": "scheduled",
        "is_published": "on",
        "step_free": "on",
        "changes-TOTAL_FORMS": "0",
        "changes-INITIAL_FORMS": "0",
    }
    start = session.starts_at.astimezone(dt.timezone(dt.timedelta(hours=1)))
    new_start = start + dt.timedelta(hours=1)
    form.update(
        {
            "starts_at_0": new_start.date().isoformat(),
            "starts_at_1": new_start.strftime("%H:%M:%S"),
            "ends_at_0": new_start.date().isoformat(),
            "ends_at_1": (new_start + dt.timedelta(hours=1)).strftime("%H:%M:%S"),
        }
    )
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    session.refresh_from_db()
    assert session.sequence == 1
    assert SessionChange.objects.get().kind == ChangeKind.RESCHEDULED


def test_admin_shows_the_clashing_session(admin_client):
    first = SessionFactory(title_fr="Démo robot", title_nl="Robotdemo", title_en="Robot demo")
    form = {
        "kind": "talk",
        "title_fr": "Nouvelle",
        "title_nl": "Nieuw",
        "title_en": "New",
        "language": "fr",
        "audience": "everyone",
        "day": first.day.pk,
        "space": first.space.pk,
        "status": "scheduled",
        "starts_at_0": first.day.date.isoformat(),
        "starts_at_1": "10:30:00",
        "ends_at_0": first.day.date.isoformat(),
        "ends_at_1": "11:30:00",
        "changes-TOTAL_FORMS": "0",
        "changes-INITIAL_FORMS": "0",
    }
    response = admin_client.post("/admin/events/session/add/", form)
    assert response.status_code == 200
    assert "Démo robot" in response.content.decode()
    assert Session.objects.count() == 1


def _image(fmt: str, size=(1600, 1200)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 120, 80)).save(buffer, format=fmt)
    return SimpleUploadedFile(f"photo.{fmt.lower()}", buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def test_speaker_photo_is_resized_and_reencoded():
    result = prepare_speaker_photo(upload=_image("PNG"))
    with Image.open(io.BytesIO(result.read())) as image:
        assert (image.format, image.size) == ("JPEG", (600, 450))
    assert result.name == "photo.jpg"


@pytest.mark.parametrize("content", [b"not an image at all", b"GIF89a" + b"\x00" * 20])
def test_speaker_photo_rejects_what_is_not_a_photo(content):
    with pytest.raises(ValidationError) as error:
        prepare_speaker_photo(upload=SimpleUploadedFile("x.jpg", content, content_type="image/jpeg"))
    assert error.value.code in {"photo_invalid", "photo_format"}


def test_speaker_photo_rejects_gif():
    with pytest.raises(ValidationError) as error:
        prepare_speaker_photo(upload=_image("GIF", size=(50, 50)))
    assert error.value.code == "photo_format"


def test_admin_speaker_photo_is_checked_and_resized(admin_client):
    from events.models import Speaker

    form = {"slug": "ada", "name": "Ada", "organisation": "", "bio_fr": "", "bio_nl": "", "bio_en": ""}
    response = admin_client.post("/admin/events/speaker/add/", {**form, "photo": _image("PNG")})
    assert response.status_code == 302
    photo = Speaker.objects.get().photo
    assert photo.name.startswith("speakers/")
    with photo.open("rb"), Image.open(photo) as image:
        assert (image.format, image.size) == ("JPEG", (600, 450))
    bad = admin_client.post(
        "/admin/events/speaker/add/",
        {**form, "slug": "bob", "photo": SimpleUploadedFile("x.png", b"nope", content_type="image/png")},
    )
    assert bad.status_code == 200
    assert Speaker.objects.count() == 1
