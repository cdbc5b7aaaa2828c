# ruff: noqa: E501  (demo texts in three languages)
"""Demo workshops for schools: the real subjects of the fair, in several slots on the Friday morning
(schools until noon) of the upcoming edition, in the demo workshop rooms. Idempotent."""

from __future__ import annotations

import datetime as dt

from events.enums import DayAudience
from events.models import Day, Edition, Space, Theme, local_tz
from schools.models import SchoolSettings, Workshop, WorkshopSlot

from .events import upcoming_edition

# slug, (title fr, nl, en), (description fr, nl, en), themes, (level min, max), languages, max pupils, leader
WORKSHOPS = [
    (
        "digital-footprint",
        (
            "Le sac à dos écologique de ton smartphone",
            "De ecologische rugzak van je smartphone",
            "The ecological backpack of your smartphone",
        ),
        (
            "D'où viennent les métaux d'un téléphone, combien d'énergie consomment nos vidéos, comment faire durer "
            "ses appareils : un atelier pour mesurer l'empreinte environnementale du numérique et trouver des gestes "
            "qui comptent.",
            "Waar komen de metalen in een telefoon vandaan, hoeveel energie verbruiken onze video's, hoe laat je "
            "je toestellen langer meegaan? Een workshop om de ecologische voetafdruk van digitaal te meten en "
            "gebaren te vinden die tellen.",
            "Where do a phone's metals come from, how much energy do our videos use, how do you make devices last? "
            "A workshop to measure the environmental footprint of digital technology and find habits that count.",
        ),
        ["digital-footprint", "climate-technology"],
        ("P5", "S6"),
        (True, True, False),
        25,
        "Ecoscore Digital asbl",
    ),
    (
        "online-scams",
        ("Démasque les arnaques en ligne", "Ontmasker online oplichting", "Spot the online scams"),
        (
            "Faux concours, messages d'un « ami » en détresse, sites piégés : les élèves apprennent à reconnaître "
            "l'hameçonnage et les arnaques, et à réagir sans paniquer.",
            "Valse wedstrijden, berichten van een 'vriend' in nood, valse websites: de leerlingen leren phishing "
            "en oplichting herkennen en kalm reageren.",
            "Fake contests, messages from a 'friend' in trouble, trapped websites: pupils learn to recognise "
            "phishing and scams, and to react without panic.",
        ),
        ["cybersecurity"],
        ("P5", "S6"),
        (True, True, True),
        28,
        "Safeonweb Academy",
    ),
    (
        "robotic-arms",
        ("Programme un bras robotisé", "Programmeer een robotarm", "Program a robotic arm"),
        (
            "Par équipes, les élèves programment un vrai bras robotisé pour trier des objets, et découvrent "
            "comment l'industrie utilise les robots.",
            "In teams programmeren de leerlingen een echte robotarm om voorwerpen te sorteren, en ontdekken ze hoe "
            "de industrie robots gebruikt.",
            "In teams, pupils program a real robotic arm to sort objects, and find out how industry uses robots.",
        ),
        ["artificial-intelligence", "digital-jobs"],
        ("P5", "S4"),
        (True, True, False),
        20,
        "RoboLab Brussels",
    ),
    (
        "digital-jobs",
        ("Les métiers du numérique en jeu", "Digitale beroepen, speels ontdekt", "Digital jobs, played out"),
        (
            "Développeuse, technicien réseau, designer UX, analyste en cybersécurité : un jeu de rôle pour "
            "découvrir les métiers du numérique et les formations qui y mènent à Bruxelles.",
            "Ontwikkelaar, netwerktechnicus, UX-designer, cyberanalist: een rollenspel om digitale beroepen te "
            "ontdekken en de opleidingen die ernaartoe leiden in Brussel.",
            "Developer, network technician, UX designer, cybersecurity analyst: a role-play to discover digital "
            "jobs and the training that leads to them in Brussels.",
        ),
        ["digital-jobs"],
        ("S3", "S6"),
        (True, True, True),
        30,
        "Digital Jobs Brussels",
    ),
    (
        "e-gaming",
        (
            "E-gaming : jouer, coopérer, décrypter",
            "E-gaming: spelen, samenwerken, ontcijferen",
            "E-gaming: play, cooperate, decode",
        ),
        (
            "Un mini-tournoi en équipes, puis un regard critique sur le jeu vidéo : temps d'écran, achats dans "
            "le jeu, esprit d'équipe et métiers de l'e-sport.",
            "Een minitoernooi in teams, daarna een kritische blik op games: schermtijd, aankopen in het spel, "
            "teamgeest en beroepen in de e-sport.",
            "A team mini-tournament, then a critical look at video games: screen time, in-game purchases, team "
            "spirit and the jobs of e-sports.",
        ),
        ["e-gaming"],
        ("S1", "S6"),
        (True, True, False),
        24,
        "Brussels E-Sport Federation",
    ),
    (
        "first-coding",
        ("Premiers pas en programmation", "Eerste stappen in programmeren", "A first taste of coding"),
        (
            "Avec des blocs à assembler, les plus jeunes font bouger un personnage, créent un petit jeu et "
            "comprennent ce qu'est un algorithme.",
            "Met blokken die ze in elkaar schuiven laten de jongsten een figuurtje bewegen, maken ze een klein "
            "spel en begrijpen ze wat een algoritme is.",
            "With blocks to snap together, the youngest make a character move, create a small game and understand "
            "what an algorithm is.",
        ),
        ["digital-inclusion", "digital-jobs"],
        ("P3", "P6"),
        (True, True, False),
        24,
        "CoderDojo Belgium",
    ),
]

# (workshop slug, room slug, start, language): three rounds of 50 minutes, 10 minutes to change rooms.
SLOTS = [
    ("first-coding", "workshop-1", dt.time(9, 10), "fr"),
    ("online-scams", "workshop-2", dt.time(9, 10), "nl"),
    ("digital-footprint", "workshop-3", dt.time(9, 10), "fr"),
    ("robotic-arms", "workshop-1", dt.time(10, 10), "fr"),
    ("first-coding", "workshop-2", dt.time(10, 10), "nl"),
    ("e-gaming", "workshop-3", dt.time(10, 10), "fr"),
    ("online-scams", "workshop-1", dt.time(11, 10), "fr"),
    ("digital-jobs", "workshop-2", dt.time(11, 10), "nl"),
    ("digital-footprint", "workshop-3", dt.time(11, 10), "nl"),
]

GROUP_ACCESS = (
    "Les classes entrent par l'entrée des écoles (côté avenue du Port, porte B), à partir de 8 h 45. Un seul "
    "scan du billet de groupe fait entrer toute la classe. Vestiaire pour les sacs à côté de l'accueil écoles.",
    "Klassen komen binnen via de scholeningang (kant Havenlaan, poort B), vanaf 8.45 uur. Eén scan van het "
    "groepsticket laat de hele klas binnen. Vestiaire voor de tassen naast het onthaal voor scholen.",
    "Classes come in through the school entrance (Avenue du Port side, gate B), from 8:45. One scan of the "
    "group ticket admits the whole class. Cloakroom for bags next to the schools' desk.",
)


def load(stdout=None) -> None:
    edition = upcoming_edition()
    friday = edition.days.filter(audience__in=[DayAudience.SCHOOLS, DayAudience.SCHOOLS_THEN_PUBLIC]).first()
    if friday is None:
        return
    load_settings(edition, friday)
    workshops = load_workshops(edition)
    load_slots(edition, friday, workshops)
    if stdout:
        stdout.write(f"schools: {len(workshops)} workshops, {len(SLOTS)} slots on {friday.date}")


def load_settings(edition: Edition, friday: Day) -> None:
    tz = local_tz()
    SchoolSettings.objects.get_or_create(
        edition=edition,
        defaults={
            "booking_opens_at": edition.registration_opens_at,
            "booking_deadline": dt.datetime.combine(
                friday.date - dt.timedelta(days=10), dt.time(12), tzinfo=tz
            ),
            "max_classes_per_school": 4,
            "pupils_per_adult_primary": 8,
            "pupils_per_adult_secondary": 15,
            "group_access_fr": GROUP_ACCESS[0],
            "group_access_nl": GROUP_ACCESS[1],
            "group_access_en": GROUP_ACCESS[2],
        },
    )


def load_workshops(edition: Edition) -> dict[str, Workshop]:
    workshops = {}
    for position, (slug, titles, descriptions, themes, levels, langs, max_pupils, leader) in enumerate(
        WORKSHOPS
    ):
        workshop, created = Workshop.objects.get_or_create(
            edition=edition,
            slug=slug,
            defaults={
                "title_fr": titles[0],
                "title_nl": titles[1],
                "title_en": titles[2],
                "description_fr": descriptions[0],
                "description_nl": descriptions[1],
                "description_en": descriptions[2],
                "level_min": levels[0],
                "level_max": levels[1],
                "in_french": langs[0],
                "in_dutch": langs[1],
                "in_english": langs[2],
                "duration_minutes": 50,
                "max_pupils": max_pupils,
                "leader_name": leader,
                "seated": slug in ("digital-footprint", "online-scams"),
                "position": position,
            },
        )
        if created:
            workshop.themes.set(Theme.objects.filter(slug__in=themes))
        workshops[slug] = workshop
    return workshops


def load_slots(edition: Edition, friday: Day, workshops: dict[str, Workshop]) -> None:
    rooms = {space.slug: space for space in Space.objects.filter(edition=edition)}
    for slug, room, start, language in SLOTS:
        if room not in rooms:
            continue
        end = (dt.datetime.combine(friday.date, start) + dt.timedelta(minutes=50)).time()
        WorkshopSlot.objects.get_or_create(
            space=rooms[room],
            day=friday,
            starts_at=start,
            defaults={
                "workshop": workshops[slug],
                "ends_at": end,
                "capacity": min(workshops[slug].max_pupils, rooms[room].capacity),
                "language": language,
            },
        )
