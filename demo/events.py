"""The demo editions, from ../shared/event-facts.md: 2024 at Tour & Taxis (past) and the coming spring's.

Every loader is idempotent: objects are looked up by their natural key and created only when missing,
so a second run changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from events.enums import DayAudience, SpaceKind
from events.models import Day, Edition, Space, Theme, local_tz

from .programme import load_programme

THEMES = [
    (
        "virtual-reality",
        "Réalité virtuelle",
        "Virtuele realiteit",
        "Virtual reality",
        "Casques, mondes immersifs et usages concrets.",
        "Headsets, immersieve werelden en concrete toepassingen.",
        "Headsets, immersive worlds and real-life uses.",
    ),
    (
        "cybersecurity",
        "Cybersécurité",
        "Cyberveiligheid",
        "Cybersecurity",
        "Se protéger des arnaques et des attaques en ligne.",
        "Jezelf beschermen tegen oplichting en aanvallen online.",
        "Protecting yourself from scams and attacks online.",
    ),
    (
        "artificial-intelligence",
        "Intelligence artificielle",
        "Artificiële intelligentie",
        "Artificial intelligence",
        "Comprendre l'IA, ses promesses et ses limites.",
        "AI begrijpen, met haar beloften en grenzen.",
        "Understanding AI, its promises and its limits.",
    ),
    (
        "e-gaming",
        "E-gaming et retrogaming",
        "E-gaming en retrogaming",
        "E-gaming and retrogaming",
        "Tournois, consoles d'hier et jeux d'aujourd'hui.",
        "Toernooien, consoles van vroeger en games van nu.",
        "Tournaments, yesterday's consoles and today's games.",
    ),
    (
        "digital-jobs",
        "Métiers et formations du numérique",
        "Digitale jobs en opleidingen",
        "Digital jobs and training",
        "Découvrir les métiers et les formations.",
        "Ontdek de beroepen en de opleidingen.",
        "Discover the jobs and the training paths.",
    ),
    (
        "smart-buildings",
        "Bâtiments intelligents",
        "Slimme gebouwen",
        "Smart buildings",
        "Des bâtiments qui consomment moins et servent mieux.",
        "Gebouwen die minder verbruiken en beter dienen.",
        "Buildings that use less and serve better.",
    ),
    (
        "digital-footprint",
        "Empreinte environnementale du numérique",
        "Ecologische voetafdruk van digitaal",
        "Environmental footprint of digital",
        "Le « sac à dos écologique » de nos appareils.",
        "De 'ecologische rugzak' van onze toestellen.",
        "The 'ecological backpack' of our devices.",
    ),
    (
        "digital-twin",
        "Jumeau numérique",
        "Digitale tweeling",
        "Digital twin",
        "La ville modélisée pour mieux la gérer.",
        "De stad in een model, om ze beter te beheren.",
        "The city modelled to manage it better.",
    ),
    (
        "climate-technology",
        "Climat et technologie",
        "Klimaat en technologie",
        "Climate and technology",
        "Le numérique au service du climat.",
        "Digitale technologie ten dienste van het klimaat.",
        "Digital technology serving the climate.",
    ),
    (
        "mobility",
        "Mobilité",
        "Mobiliteit",
        "Mobility",
        "Se déplacer mieux à Bruxelles.",
        "Beter verplaatsen in Brussel.",
        "Getting around Brussels better.",
    ),
    (
        "digital-inclusion",
        "Inclusion numérique",
        "Digitale inclusie",
        "Digital inclusion",
        "Le numérique pour toutes et tous.",
        "Digitaal voor iedereen.",
        "Digital for everyone.",
    ),
]

# slug, FR, NL, EN, kind, capacity, (x, y, width, height) in metres, step-free, hearing loop, quiet room
SPACES = [
    (
        "hall-a",
        "Hall A – Exposants",
        "Hal A – Exposanten",
        "Hall A – Exhibitors",
        SpaceKind.HALL,
        2500,
        (0, 0, 80, 50),
        True,
        False,
        False,
    ),
    (
        "hall-b",
        "Hall B – Exposants",
        "Hal B – Exposanten",
        "Hall B – Exhibitors",
        SpaceKind.HALL,
        2000,
        (85, 0, 70, 50),
        True,
        False,
        False,
    ),
    (
        "main-stage",
        "Grande scène Pecha Kucha",
        "Hoofdpodium Pecha Kucha",
        "Pecha Kucha main stage",
        SpaceKind.STAGE,
        400,
        (0, 55, 40, 25),
        True,
        True,
        False,
    ),
    (
        "demo-stage",
        "Scène démos",
        "Demopodium",
        "Demo stage",
        SpaceKind.STAGE,
        150,
        (45, 55, 25, 25),
        True,
        True,
        False,
    ),
    (
        "workshop-1",
        "Salle d'atelier 1",
        "Workshopruimte 1",
        "Workshop room 1",
        SpaceKind.WORKSHOP_ROOM,
        35,
        (75, 55, 15, 12),
        True,
        False,
        False,
    ),
    (
        "workshop-2",
        "Salle d'atelier 2",
        "Workshopruimte 2",
        "Workshop room 2",
        SpaceKind.WORKSHOP_ROOM,
        35,
        (75, 68, 15, 12),
        True,
        False,
        False,
    ),
    (
        "workshop-3",
        "Salle d'atelier 3",
        "Workshopruimte 3",
        "Workshop room 3",
        SpaceKind.WORKSHOP_ROOM,
        30,
        (92, 55, 15, 12),
        True,
        False,
        False,
    ),
    (
        "arena",
        "Arène e-gaming",
        "E-gaming-arena",
        "E-gaming arena",
        SpaceKind.ARENA,
        300,
        (110, 55, 30, 25),
        True,
        False,
        False,
    ),
    (
        "invisible-festival",
        "Invisible Festival",
        "Invisible Festival",
        "Invisible Festival",
        SpaceKind.FESTIVAL,
        120,
        (142, 55, 13, 25),
        True,
        False,
        True,
    ),
    (
        "quiet-room",
        "Espace calme",
        "Stilteruimte",
        "Quiet room",
        SpaceKind.FACILITY,
        20,
        (92, 68, 15, 12),
        True,
        False,
        True,
    ),
]

ADDRESS = (
    "Avenue du Port 86C, 1000 Bruxelles",
    "Havenlaan 86C, 1000 Brussel",
    "Avenue du Port 86C, 1000 Brussels",
)
GETTING_THERE = (
    "À pied depuis la gare de Bruxelles-Nord par le pont Suzan Daniel (piétons, vélos, bus).\n"
    "Bus 14 et 20 : arrêt « Suzan Daniel ». Bus 57 et 88 depuis Bruxelles-Nord : arrêt « Tour et Taxis ». "
    "Bus 86 depuis Ribaucourt (métro 2 et 6).\nAccès de plain-pied à toutes les halles.",
    "Te voet vanaf het station Brussel-Noord over de Suzan Danielbrug (voetgangers, fietsers, bussen).\n"
    "Bus 14 en 20: halte 'Suzan Daniel'. Bus 57 en 88 vanaf Brussel-Noord: halte 'Thurn en Taxis'. "
    "Bus 86 vanaf Ribaucourt (metro 2 en 6).\nAlle hallen zijn drempelvrij toegankelijk.",
    "On foot from Brussels-North station over the Suzan Daniel bridge (walkers, bikes, buses).\n"
    "Buses 14 and 20: stop 'Suzan Daniel'. Buses 57 and 88 from Brussels-North: stop 'Tour et Taxis'. "
    "Bus 86 from Ribaucourt (metro 2 and 6).\nStep-free access to every hall.",
)


def next_spring_friday(today: dt.date) -> dt.date:
    """The third Friday of March of the first spring still ahead of today."""
    year = today.year if today < dt.date(today.year, 3, 1) else today.year + 1
    first = dt.date(year, 3, 1)
    first_friday = first + dt.timedelta(days=(4 - first.weekday()) % 7)
    return first_friday + dt.timedelta(weeks=2)


def load_themes() -> list[Theme]:
    themes = []
    for position, (slug, fr, nl, en, dfr, dnl, den) in enumerate(THEMES):
        theme, _ = Theme.objects.get_or_create(
            slug=slug,
            defaults={
                "name_fr": fr,
                "name_nl": nl,
                "name_en": en,
                "description_fr": dfr,
                "description_nl": dnl,
                "description_en": den,
                "position": position,
            },
        )
        themes.append(theme)
    return themes


def load_edition(
    *, slug: str, friday: dt.date, name: tuple[str, str, str], tagline: tuple[str, str, str]
) -> Edition:
    """The edition of that slug with its themes, its Friday and Saturday, and its spaces."""
    tz = local_tz()
    saturday = friday + dt.timedelta(days=1)
    edition, created = Edition.objects.get_or_create(
        slug=slug,
        defaults={
            "name_fr": name[0],
            "name_nl": name[1],
            "name_en": name[2],
            "tagline_fr": tagline[0],
            "tagline_nl": tagline[1],
            "tagline_en": tagline[2],
            "starts_on": friday,
            "ends_on": saturday,
            "venue_name": "Tour & Taxis",
            "venue_address_fr": ADDRESS[0],
            "venue_address_nl": ADDRESS[1],
            "venue_address_en": ADDRESS[2],
            "getting_there_fr": GETTING_THERE[0],
            "getting_there_nl": GETTING_THERE[1],
            "getting_there_en": GETTING_THERE[2],
            "registration_opens_at": dt.datetime.combine(
                friday - dt.timedelta(days=365), dt.time(9), tzinfo=tz
            ),
            "registration_closes_at": dt.datetime.combine(saturday, dt.time(12), tzinfo=tz),
            "is_published": True,
        },
    )
    if created:
        edition.themes.set(load_themes())
    load_days(edition, friday)
    load_spaces(edition)
    return edition


def load_days(edition: Edition, friday: dt.date) -> None:
    """Friday: schools in the morning, the public from noon; Saturday: the public all day."""
    Day.objects.get_or_create(
        edition=edition,
        date=friday,
        defaults={
            "opens_at": dt.time(9),
            "closes_at": dt.time(18),
            "audience": DayAudience.SCHOOLS_THEN_PUBLIC,
            "public_from": dt.time(12),
            "capacity": 4000,
        },
    )
    Day.objects.get_or_create(
        edition=edition,
        date=friday + dt.timedelta(days=1),
        defaults={
            "opens_at": dt.time(10),
            "closes_at": dt.time(18),
            "audience": DayAudience.PUBLIC,
            "capacity": 5000,
        },
    )


def load_spaces(edition: Edition) -> None:
    for position, (space_slug, fr, nl, en, kind, capacity, plan, step_free, loop, quiet) in enumerate(SPACES):
        Space.objects.get_or_create(
            edition=edition,
            slug=space_slug,
            defaults={
                "name_fr": fr,
                "name_nl": nl,
                "name_en": en,
                "kind": kind,
                "capacity": capacity,
                "plan_x": plan[0],
                "plan_y": plan[1],
                "plan_width": plan[2],
                "plan_height": plan[3],
                "step_free": step_free,
                "hearing_loop": loop,
                "quiet_room": quiet,
                "position": position,
            },
        )


def load(stdout=None) -> None:
    load_themes()
    load_edition(
        slug="2024",
        friday=dt.date(2024, 3, 22),
        name=("Printemps Numérique 2024", "Digitale Lente 2024", "Digital Spring 2024"),
        tagline=(
            "Le numérique pour toutes et tous, à Tour & Taxis",
            "Digitaal voor iedereen, in Thurn en Taxis",
            "Digital for everyone, at Tour & Taxis",
        ),
    )
    created = load_programme(past_edition(), with_changes=False)
    friday = next_spring_friday(timezone.localdate())
    upcoming = load_edition(
        slug=str(friday.year),
        friday=friday,
        name=(
            f"Printemps Numérique {friday.year}",
            f"Digitale Lente {friday.year}",
            f"Digital Spring {friday.year}",
        ),
        tagline=(
            "Deux jours pour découvrir le numérique à Bruxelles, gratuitement",
            "Twee dagen om digitaal Brussel gratis te ontdekken",
            "Two days to discover digital Brussels, for free",
        ),
    )
    created += load_programme(upcoming, with_changes=True)
    if stdout is not None and created:
        stdout.write(f"events: {created} programme sessions created\n")


def upcoming_edition() -> Edition:
    """The demo's upcoming edition, for the other apps' demo data."""
    return Edition.objects.get(slug=str(next_spring_friday(timezone.localdate()).year))


def past_edition() -> Edition:
    return Edition.objects.get(slug="2024")
