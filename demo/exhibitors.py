"""Demo exhibitors for the upcoming edition: about 50 organizations on stands in halls A and B.

The data is in demo/exhibitors_data.py. Idempotent: objects are found by natural key, created when missing,
and a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from events.models import Edition, Space, local_tz
from exhibitors.enums import PowerSupply
from exhibitors.models import Activity, Category, Exhibitor, PlanMarker, SetupPeriod, Stand

from .events import upcoming_edition
from .exhibitors_data import ACTIVITIES, CATEGORIES, FICTIONAL, MARKERS, REAL


def hall_stands() -> list[tuple[str, str, int, int, int, int]]:
    """(hall slug, code, x, y, width, depth): rows of 6 × 4 m stands back to back, 4 m aisles."""
    stands = []
    number = 0
    for y in (8, 12, 28, 32):
        for x in (6, 12, 18, 24, 42, 48, 54):
            number += 1
            stands.append(("hall-a", f"A{number:02d}", x, y, 6, 4))
    stands.append(("hall-a", "A29", 62, 38, 12, 8))  # the Paradigm trail
    number = 0
    for y in (8, 12, 28, 32):
        for x in (6, 12, 18, 24, 40, 46):
            number += 1
            stands.append(("hall-b", f"B{number:02d}", x, y, 6, 4))
    return stands


def load_categories() -> dict[str, Category]:
    categories = {}
    for position, (slug, fr, nl, en) in enumerate(CATEGORIES):
        categories[slug], _ = Category.objects.get_or_create(
            slug=slug, defaults={"name_fr": fr, "name_nl": nl, "name_en": en, "position": position}
        )
    return categories


def load_stands(edition: Edition) -> list[Stand]:
    """The stands of the halls the edition has (hall_stands), made when missing."""
    halls = {space.slug: space for space in Space.objects.filter(edition=edition, kind="hall")}
    stands = []
    for hall_slug, code, x, y, width, depth in hall_stands():
        if hall_slug not in halls:
            continue
        stand, _ = Stand.objects.get_or_create(
            edition=edition,
            code=code,
            defaults={
                "hall": halls[hall_slug],
                "x": Decimal(x),
                "y": Decimal(y),
                "width": Decimal(width),
                "height": Decimal(depth),
                "power": PowerSupply.THREE_PHASE if width > 6 else PowerSupply.STANDARD,
                "low_counter": code.endswith(("1", "5")),
            },
        )
        stands.append(stand)
    return stands


def load_exhibitors(edition: Edition, categories: dict[str, Category], stands: list[Stand]) -> None:
    """Each exhibitor made when missing, with its categories, a stand in order, and its activities."""
    rows = [(slug, name, cats, texts, website) for slug, name, cats, texts, website in REAL]
    rows += [(slug, name, cats, texts, f"https://{slug}.example") for slug, name, cats, texts in FICTIONAL]
    # Paradigm gets the big stand at the end of hall A; the others fill the rows in order.
    order = [stands[-25], *stands[:-25], *stands[-24:]] if len(stands) > 25 else stands
    for index, (slug, name, cats, (fr, nl, en), website) in enumerate(rows):
        exhibitor, created = Exhibitor.objects.get_or_create(
            edition=edition,
            slug=slug,
            defaults={
                "name": name,
                "description_fr": fr,
                "description_nl": nl,
                "description_en": en,
                "website": website,
                "contact_name": "Contact " + name,
                "contact_email": f"exposants+{slug}@example.org",
                "contact_phone": f"+32 2 555 {10 + index:02d} {20 + index:02d}",
                "contact_language": "nl" if index % 3 == 1 else "fr",
            },
        )
        if not created:
            continue
        exhibitor.categories.set([categories[slug] for slug in cats])
        if index < len(order) and order[index].exhibitor_id is None:
            order[index].exhibitor = exhibitor
            order[index].save(update_fields=["exhibitor"])
        for position, (title_fr, title_nl, title_en) in enumerate(ACTIVITIES.get(slug, [])):
            Activity.objects.create(
                exhibitor=exhibitor,
                title_fr=title_fr,
                title_nl=title_nl,
                title_en=title_en,
                position=position,
            )


def load_plan_and_setup(edition: Edition) -> None:
    """The site plan's markers, and the exhibitors' set-up time before each day opens."""
    for kind, (fr, nl, en), x, y in MARKERS:
        PlanMarker.objects.get_or_create(
            edition=edition,
            kind=kind,
            x=Decimal(str(x)),
            y=Decimal(str(y)),
            defaults={"label_fr": fr, "label_nl": nl, "label_en": en},
        )
    tz = local_tz()
    for date, start, end, labels in [
        (edition.starts_on, dt.time(7), dt.time(9), ("Montage", "Opbouw", "Set-up")),
        (edition.ends_on, dt.time(8), dt.time(10), ("Montage", "Opbouw", "Set-up")),
    ]:
        SetupPeriod.objects.get_or_create(
            edition=edition,
            starts_at=dt.datetime.combine(date, start, tzinfo=tz),
            defaults={
                "ends_at": dt.datetime.combine(date, end, tzinfo=tz),
                "label_fr": labels[0],
                "label_nl": labels[1],
                "label_en": labels[2],
            },
        )


def load_edition(edition: Edition, categories: dict[str, Category]) -> None:
    load_exhibitors(edition, categories, load_stands(edition))
    load_plan_and_setup(edition)


def load(stdout=None) -> None:
    categories = load_categories()
    edition = upcoming_edition()
    load_edition(edition, categories)
    if stdout is not None:
        stdout.write(
            f"Exhibitors: {Exhibitor.objects.filter(edition=edition).count()} exhibitors on "
            f"{Stand.objects.filter(edition=edition, exhibitor__isnull=False).count()} stands "
            f"({Stand.objects.filter(edition=edition).count()} stands in all)."
        )
