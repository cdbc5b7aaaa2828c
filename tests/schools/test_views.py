import datetime as dt
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils import timezone

from schools import services
from schools.enums import BookingStatus, SlotStatus
from schools.models import BookedSlot, ClassBooking, School
from tests.factories import DayFactory
from tests.schools.conftest import class_data, school_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _current(edition):
    """The fixtures' edition is the only one, hence the current one."""
    return edition


def form_data(slot, **kwargs):
    data = {
        "level": "P5",
        "slots": [slot.pk],
        "school_name": "École du Parc",
        "school_address": "Rue du Parc 3",
        "school_postal_code": "1000",
        "school_city": "Bruxelles",
        "school_network": "fr",
        "teacher_name": "Anne Prof",
        "teacher_email": "anne@example.org",
        "teacher_mobile": "0470 12 34 56",
        "class_name": "5A",
        "pupils": "20",
        "adults": "3",
        "special_needs": "",
        "language": "fr",
    }
    data.update(kwargs)
    return data


def nothing_created():
    return (ClassBooking.objects.count(), BookedSlot.objects.count(), School.objects.count()) == (0, 0, 0)


def test_catalogue_lists_slots_with_places(client, slot):
    services.book_class(school=school_data(), klass=class_data(pupils=12, adults=2), slots=[slot])
    response = client.get("/fr/schools/")
    html = response.content.decode()
    assert response.status_code == 200
    assert slot.workshop.title in html
    assert f'data-slot-places="{slot.pk}" data-left="18"' in html
    assert "18 places restantes" in html


def test_catalogue_filters_by_level_and_htmx_returns_only_the_results(client, slot, make_slot, workshop):
    from tests.schools.factories import WorkshopFactory

    little = WorkshopFactory(
        edition=workshop.edition, level_min="P1", level_max="P2", title="Pour les petits"
    )
    make_slot(workshop=little, starts_at=dt.time(11, 0), ends_at=dt.time(11, 50))
    html = client.get("/fr/schools/?level=P1").content.decode()
    assert ("Pour les petits" in html, workshop.title in html) == (True, False)
    partial = client.get("/fr/schools/?level=P5", headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<div id="results"')
    assert (workshop.title in partial, "Pour les petits" in partial, "<html" in partial) == (
        True,
        False,
        False,
    )


def test_catalogue_ignores_filter_values_it_does_not_offer(client, slot, make_slot):
    other_day = DayFactory()  # a day of another edition
    query = f"?level=Z9&language=xx&theme=nope&day={other_day.pk}&time=25:99x"
    response = client.get("/fr/schools/" + query)
    html = response.content.decode()
    assert response.status_code == 200
    assert slot.workshop.title in html
    assert response.context["filters"] == {"level": "", "language": "", "theme": "", "day": "", "time": ""}
    assert '<select name="level" id="f-level">' in html
    assert '<option value="fr" lang="fr">' in html


@pytest.mark.parametrize("count", [1, 4])
def test_catalogue_query_count_does_not_grow(client, make_slot, django_assert_num_queries, count):
    for i in range(count):
        make_slot(starts_at=dt.time(9 + i, 0), ends_at=dt.time(9 + i, 50))
    client.get("/fr/schools/")  # warm up sessions and the like
    # Seven: the theme filter is checked against the themes the page lists, no query of its own.
    with django_assert_num_queries(7):
        client.get("/fr/schools/")


def test_places_json(client, slot):
    data = client.get("/nl/schools/places.json").json()
    assert data == {"slots": {str(slot.pk): {"left": 30, "label": "nog 30 plaatsen"}}}


def test_booking_form_shows_only_suitable_slots_with_places(client, slot, make_slot, workshop):
    from tests.schools.factories import WorkshopFactory

    full = make_slot(starts_at=dt.time(11, 0), ends_at=dt.time(11, 50))
    services.book_class(school=school_data("X"), klass=class_data(pupils=30, adults=4), slots=[full])
    little = WorkshopFactory(
        edition=workshop.edition, level_min="P1", level_max="P2", title="Pour les petits"
    )
    make_slot(workshop=little, starts_at=dt.time(10, 10), ends_at=dt.time(11, 0))
    html = client.get("/fr/schools/book/?level=P5").content.decode()
    assert (f'value="{slot.pk}"' in html, f'value="{full.pk}"' in html, "Pour les petits" in html) == (
        True,
        False,
        False,
    )


def test_booking_posts_and_holds(client, slot):
    response = client.post("/fr/schools/book/", form_data(slot))
    assert response.status_code == 302
    assert response["Location"] == "/fr/schools/book/sent/"
    booking = ClassBooking.objects.get()
    assert (booking.status, booking.pupils, booking.language) == (BookingStatus.HELD, 20, "fr")
    page = client.get(response["Location"]).content.decode()
    assert "anne@example.org" in page


@pytest.mark.parametrize(
    ("changes", "field_id", "message"),
    [
        ({"pupils": "0"}, "id_pupils", "Indiquez le nombre d’élèves : au moins 1."),
        ({"pupils": "31", "adults": "4"}, "id_pupils", "accueille au plus 30 élèves par séance"),
        ({"adults": "1"}, "id_adults", "20 élèves demandent au moins 3 adultes accompagnants"),
        ({"level": "P1"}, "slots", "n’est pas pour le niveau P1"),
        ({"teacher_email": "anne"}, "id_teacher_email", "Indiquez une adresse e-mail comme nom@ecole.be."),
        (
            {"school_postal_code": "10"},
            "id_school_postal_code",
            "Indiquez un code postal belge de 4 chiffres",
        ),
    ],
)
def test_bad_input_shows_the_message_next_to_the_field_and_creates_nothing(
    client, slot, changes, field_id, message
):
    response = client.post("/fr/schools/book/", form_data(slot, **changes))
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in html
    assert f'href="#{field_id}"' in html
    assert message in html
    assert nothing_created()


def test_overlapping_slots_refused_in_the_form(client, make_slot, make_workshop):
    a = make_slot(starts_at=dt.time(9, 10), ends_at=dt.time(10, 0))
    b = make_slot(starts_at=dt.time(10, 5), ends_at=dt.time(10, 55), workshop=make_workshop())
    html = client.post("/fr/schools/book/", form_data(a, slots=[a.pk, b.pk])).content.decode()
    assert "se chevauchent" in html
    assert nothing_created()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "Un atelier ne se suit qu’une fois par classe"),
        ("nl", "Een klas volgt elke workshop maar één keer"),
        ("en", "A class attends each workshop once"),
    ],
)
def test_the_same_workshop_twice_is_refused_next_to_the_slots(client, make_slot, language, message):
    early = make_slot(starts_at=dt.time(9, 10), ends_at=dt.time(10, 0))
    late = make_slot(starts_at=dt.time(10, 10), ends_at=dt.time(11, 0))
    html = client.post(
        f"/{language}/schools/book/", form_data(early, slots=[early.pk, late.pk])
    ).content.decode()
    assert ('href="#slots"' in html, message in html) == (True, True)
    assert nothing_created()


def test_manage_add_the_same_workshop_again_shows_error(client, confirmed, make_slot):
    late = make_slot(starts_at=dt.time(10, 10), ends_at=dt.time(11, 0))
    html = client.post(
        f"/fr/schools/booking/{confirmed.manage_token}/add/", {"add-new_slot": late.pk}
    ).content.decode()
    assert "Un atelier ne se suit qu’une fois par classe" in html
    assert list(confirmed.booked_slots.values_list("slot_id", flat=True)) == [
        confirmed.booked_slots.get().slot_id
    ]


def test_after_deadline_the_form_is_closed(client, edition, slot):
    edition.school_settings.booking_opens_at = timezone.now() - dt.timedelta(days=5)
    edition.school_settings.booking_deadline = timezone.now() - dt.timedelta(days=1)
    edition.school_settings.save()
    html = client.get("/fr/schools/book/?level=P5").content.decode()
    assert "Les réservations sont closes" in html
    assert 'name="teacher_email"' not in html
    client.post("/fr/schools/book/", form_data(slot))
    assert nothing_created()


def test_over_school_cap_refused(client, edition, slot):
    edition.school_settings.max_classes_per_school = 1
    edition.school_settings.save()
    client.post("/fr/schools/book/", form_data(slot, pupils="8", adults="1"))
    html = client.post(
        "/fr/schools/book/", form_data(slot, pupils="8", adults="1", class_name="5B")
    ).content.decode()
    assert 'href="#id_school_name"' in html
    assert ClassBooking.objects.count() == 1


def test_confirm_needs_a_post_then_redirects_to_manage(client, slot):
    booking = services.book_class(school=school_data(), klass=class_data(), slots=[slot])
    url = f"/fr/schools/confirm/{booking.confirm_token}/"
    assert client.get(url).status_code == 200
    booking.refresh_from_db()
    assert booking.status == BookingStatus.HELD
    response = client.post(url)
    assert response["Location"] == f"/fr/schools/booking/{booking.manage_token}/"
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


@pytest.fixture
def confirmed(slot):
    booking = services.book_class(school=school_data(), klass=class_data(), slots=[slot])
    return services.confirm_booking(booking=booking)


def test_manage_page_pdf_and_ics(client, confirmed):
    base = f"/nl/schools/booking/{confirmed.manage_token}/"
    html = client.get(base).content.decode()
    assert "Aan mijn kalender toevoegen (.ics)" in html
    assert "class.pdf" in html
    pdf = client.get(base + "class.pdf")
    assert (pdf["Content-Type"], pdf.content[:4]) == ("application/pdf", b"%PDF")
    ics = client.get(base + "class.ics")
    from ical.calendar_stream import IcsCalendarStream

    calendar = IcsCalendarStream.calendar_from_ics(ics.content.decode())
    assert [e.uid for e in calendar.events] == [
        f"schools-{confirmed.pk}-slot-{confirmed.booked_slots.get().slot_id}@printemps-numerique.brussels"
    ]
    assert client.get(base + "class.ics", headers={"If-None-Match": ics["ETag"]}).status_code == 304


def test_manage_headcount_too_few_adults_shows_error(client, confirmed):
    url = f"/fr/schools/booking/{confirmed.manage_token}/headcount/"
    html = client.post(url, {"pupils": "25", "adults": "1"}).content.decode()
    confirmed.refresh_from_db()
    assert ('href="#id_adults"' in html, confirmed.pupils) == (True, 20)
    client.post(url, {"pupils": "25", "adults": "4"})
    confirmed.refresh_from_db()
    assert (confirmed.pupils, confirmed.ticket.headcount) == (25, 29)


def test_manage_cancel(client, confirmed):
    url = f"/fr/schools/booking/{confirmed.manage_token}/cancel/"
    assert client.get(url).status_code == 200
    client.post(url)
    confirmed.refresh_from_db()
    assert (confirmed.status, confirmed.ticket.status) == (BookingStatus.CANCELLED, "cancelled")


def test_manage_swap_to_an_overlapping_slot_shows_error(client, confirmed, make_slot, make_workshop):
    other = make_slot(starts_at=dt.time(10, 10), ends_at=dt.time(11, 0), workshop=make_workshop())
    third = make_slot(starts_at=dt.time(11, 10), ends_at=dt.time(12, 0), workshop=make_workshop())
    services.add_slot(booking=confirmed, slot=other)
    row = confirmed.booked_slots.get(slot__starts_at=dt.time(9, 10))
    html = client.post(
        f"/fr/schools/booking/{confirmed.manage_token}/swap/{row.pk}/", {f"swap{row.pk}-new_slot": other.pk}
    ).content.decode()
    assert "Cette classe a déjà cet atelier." in html
    client.post(
        f"/fr/schools/booking/{confirmed.manage_token}/swap/{row.pk}/", {f"swap{row.pk}-new_slot": third.pk}
    )
    assert sorted(
        confirmed.booked_slots.filter(status=SlotStatus.RESERVED).values_list("slot_id", flat=True)
    ) == sorted([other.pk, third.pk])


@pytest.fixture
def organizer(db):
    user = User.objects.create_user("org", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["view_classbooking", "add_classbooking"], content_type__app_label="schools"
        )
    )
    return user


def test_organizer_pages_need_permission(client, slot):
    response = client.get("/fr/schools/organizers/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_organizer_overview_slot_attendance_and_csv(client, organizer, confirmed, slot):
    client.force_login(organizer)
    html = client.get("/fr/schools/organizers/").content.decode()
    assert "20 / 30" in html
    assert "67 %" in html
    assert "École du Parc" in client.get(f"/fr/schools/organizers/slots/{slot.pk}/").content.decode()
    assert (
        "École du Parc" in client.get(f"/fr/schools/organizers/slots/{slot.pk}/attendance/").content.decode()
    )
    sheet = client.get("/fr/schools/organizers/leaders/attendance/", {"leader": "Leader"}).content.decode()
    assert "École du Parc" in sheet
    csv = (
        b"".join(client.get("/fr/schools/organizers/bookings.csv").streaming_content)
        .decode("utf-8-sig")
        .splitlines()
    )
    assert csv[0].startswith("booking,status,channel,school")
    assert ",confirmed,online,École du Parc,1000,fr,Anne Prof,anne@example.org," in csv[1]


def test_csv_neutralises_formulas(client, organizer, slot):
    services.book_class(school=school_data("=HYPERLINK(1)"), klass=class_data(), slots=[slot])
    client.force_login(organizer)
    csv = b"".join(client.get("/fr/schools/organizers/bookings.csv").streaming_content).decode("utf-8-sig")
    assert ",'=HYPERLINK(1)," in csv


def test_staff_booking_is_confirmed_at_once(client, organizer, slot):
    client.force_login(organizer)
    response = client.post("/fr/schools/organizers/new-booking/", form_data(slot, channel="phone"))
    assert response.status_code == 302
    booking = ClassBooking.objects.get()
    assert (booking.status, booking.channel, booking.ticket.headcount) == (
        BookingStatus.CONFIRMED,
        "phone",
        23,
    )


def test_nav_shows_the_catalogue(client, slot):
    assert reverse("schools:catalogue") in client.get("/fr/").content.decode()


def test_admin_changelist_links_to_the_staff_booking_form(client, slot):
    admin = User.objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    html = client.get("/admin/schools/classbooking/").content.decode()
    assert 'href="/fr/schools/organizers/new-booking/"' in html


def test_the_error_summary_lists_the_errors_in_the_order_of_the_page(client, slot):
    empty = dict.fromkeys(
        ["slots", "school_name", "school_address", "class_name", "pupils", "teacher_name"], ""
    )
    page = client.post("/fr/schools/book/", form_data(slot, teacher_email="anne@", **empty)).content.decode()
    summary = page[page.index("error-summary") : page.index("</ul>", page.index("error-summary"))]
    summary_order = re.findall(r'href="#([\w-]+)"', summary)
    form = page[page.index("</ul>", page.index("error-summary")) :]
    page_order = sorted(summary_order, key=lambda anchor: form.index(f'id="{anchor}"'))
    assert summary_order == page_order
    assert len(summary_order) >= 6


def test_a_likely_typo_in_the_teachers_email_domain_is_pointed_out(client, slot):
    page = client.post("/fr/schools/book/", form_data(slot, teacher_email="anne@gmial.com", pupils="0"))
    assert "Vouliez-vous dire anne@gmail.com ?" in page.content.decode()
