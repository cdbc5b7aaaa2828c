"""The demo programme (loaded by demo/events.py for both demo editions), from demo/programme_data.py.

Idempotent: each session has a public id derived from its slot.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

from django.utils.text import slugify

from events.enums import SessionAudience, SessionKind, SpokenLanguage
from events.models import PUBLIC_ID_ALPHABET, Day, Edition, Session, Speaker, Theme
from events.services import cancel_session, reschedule_session, save_session

from .programme_data import FRIDAY, ITEMS, ORGS, PK_DESCRIPTION, PK_ROUNDS, ROLES, SATURDAY, SPEAKERS, T


def slugify_name(name: str) -> str:
    return slugify(name.replace("ı", "i").replace("É", "E"))


def load_speakers() -> dict[str, Speaker]:
    speakers = {}
    for name, org, role in SPEAKERS:
        fr, nl, en = ROLES[role]
        organisation = ORGS[org]
        speaker, _ = Speaker.objects.get_or_create(
            slug=slugify_name(name),
            defaults={
                "name": name,
                "organisation": organisation,
                "bio_fr": f"{name} est {fr} chez {organisation} et partage son métier avec le grand public.",
                "bio_nl": f"{name} is {nl} bij {organisation} en deelt dat vak graag met het grote publiek.",
                "bio_en": f"{name} is a {en} at {organisation} and enjoys sharing the job with the public.",
            },
        )
        speakers[speaker.slug] = speaker
    return speakers


def demo_public_id(*seed: str) -> str:
    digest = hashlib.sha256("|".join(seed).encode()).digest()
    return "".join(PUBLIC_ID_ALPHABET[b % len(PUBLIC_ID_ALPHABET)] for b in digest[:10])


def _item(key: str, themes: dict[str, Theme]) -> tuple:
    if key.startswith("pk:"):
        theme = themes[key[3:]]
        return (
            SessionKind.PECHA_KUCHA,
            T(
                f"Pecha Kucha : {theme.name_fr}",
                f"Pecha Kucha: {theme.name_nl}",
                f"Pecha Kucha: {theme.name_en}",
            ),
            tuple(
                template.format(fr=theme.description_fr, nl=theme.description_nl, en=theme.description_en)
                for template in PK_DESCRIPTION
            ),
            [theme.slug],
            SpokenLanguage.FR_NL,
            SessionAudience.EVERYONE,
            {"interpretation": True, "subtitles": True},
            PK_ROUNDS[theme.slug],
            None,
        )
    return ITEMS[key]


def load_programme(edition: Edition, *, with_changes: bool) -> int:
    """Create the demo programme of an edition; returns how many sessions were created."""
    speakers = load_speakers()
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    spaces = {space.slug: space for space in edition.spaces.all()}
    days: list[Day] = list(edition.days.order_by("date"))
    created_count = 0
    created_keys: dict[str, Session] = {}
    for day, grid in zip(days, (FRIDAY, SATURDAY), strict=False):
        for space_slug, start, minutes, key in grid:
            public_id = demo_public_id(edition.slug, day.date.isoformat(), space_slug, start)
            if Session.objects.filter(public_id=public_id).exists():
                continue
            kind, titles, descriptions, theme_slugs, language, audience, access, speaker_slugs, capacity = (
                _item(key, themes)
            )
            starts_at = day.at(dt.time.fromisoformat(start))
            session = Session(
                public_id=public_id,
                uid=uuid.uuid5(uuid.NAMESPACE_URL, f"printemps-numerique/{public_id}"),
                day=day,
                space=spaces[space_slug],
                kind=kind,
                title_fr=titles[0],
                title_nl=titles[1],
                title_en=titles[2],
                description_fr=descriptions[0],
                description_nl=descriptions[1],
                description_en=descriptions[2],
                language=language,
                audience=audience,
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(minutes=minutes),
                capacity=capacity,
                is_published=True,
                step_free=spaces[space_slug].step_free,
                **access,
            )
            save_session(session=session)
            session.themes.set([themes[slug] for slug in theme_slugs if slug in themes])
            session.speakers.set([speakers[slug] for slug in speaker_slugs])
            created_count += 1
            created_keys[f"{day.date:%a}|{space_slug}|{start}"] = session
    if with_changes and created_keys:
        _demo_changes(created_keys, spaces)
    return created_count


def _demo_changes(sessions: dict[str, Session], spaces: dict) -> None:
    """A few changes after publication, so that "what changed" has something to show."""
    moved = sessions.get("Sat|workshop-3|14:00")
    if moved is not None:
        reschedule_session(
            session=moved,
            starts_at=moved.starts_at + dt.timedelta(minutes=30),
            ends_at=moved.ends_at + dt.timedelta(minutes=30),
        )
    relocated = sessions.get("Fri|workshop-3|16:00")
    if relocated is not None and "workshop-2" in spaces:
        reschedule_session(
            session=relocated,
            starts_at=relocated.starts_at,
            ends_at=relocated.ends_at,
            space=spaces["workshop-2"],
        )
    cancelled = sessions.get("Sat|demo-stage|17:00")
    if cancelled is not None:
        cancel_session(session=cancelled)
