"""The programme's session cards, written in Python: the bytes `events/_session_card.html` renders for the
timeline of `/programme/` (tests/events/test_cards.py compares them, card by card, on the demo programme).

A day of the programme holds up to 150 cards; through the template engine (an include, two includes of the
star form, about thirty variable lookups, four URL reversals and a CSRF token per card) they cost about two
thirds of a cold rendering's CPU. Here each URL is reversed once per page, each sentence translated once,
each display name looked up once; the card's markup stays in the template for every other page that shows
cards (agenda, now and next, speaker pages), and a change to one must be made to the other: the test fails
until it is.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .models import Session

MARKER = "public-id-marker"


def _url_maker(name: str):
    before, after = reverse(name, kwargs={"public_id": MARKER}).split(MARKER)
    return lambda public_id: f"{before}{public_id}{after}"


class CardWriter:
    """Cards for one request, in its language: what is the same on every card is worked out once."""

    def __init__(self, request: HttpRequest, *, starred_ids, read_only: bool, speakers: dict) -> None:
        self.speakers = speakers
        self.starred_ids = starred_ids
        self.read_only = read_only
        self.detail_url = _url_maker("events:session-detail")
        self.star_url = _url_maker("events:agenda-toggle")
        self.next = conditional_escape(request.get_full_path())
        self.csrf = "" if read_only else conditional_escape(get_token(request))
        self.texts = {
            "cancelled": conditional_escape(gettext("Cancelled")),
            "accessibility": conditional_escape(gettext("Accessibility")),
            "add": conditional_escape(gettext("Add to my agenda")),
            "remove": conditional_escape(gettext("Remove from my agenda")),
        }
        self.displays: dict[tuple[str, str], str] = {}

    def _display(self, session: Session, field: str) -> str:
        key = (field, getattr(session, field))
        if key not in self.displays:
            self.displays[key] = conditional_escape(getattr(session, f"get_{field}_display")())
        return self.displays[key]

    def _times(self, session: Session) -> str:
        starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        return (
            f'<p class="session-card__time"><time datetime="{starts.isoformat()}">{starts:%H:%M}</time>–'
            f'<time datetime="{ends.isoformat()}">{ends:%H:%M}</time></p>\n'
        )

    def _meta(self, session: Session) -> str:
        audience = f" · {self._display(session, 'audience')}" if session.audience != "everyone" else ""
        space = conditional_escape(session.space.name)
        return (
            f'<p class="session-card__meta">{self._display(session, "kind")}'
            f'<span class="session-card__space"> · {space}</span> · '
            f"{self._display(session, 'language')}{audience}</p>\n"
        )

    def _speakers_and_tags(self, session: Session) -> str:
        out = ""
        speakers = self.speakers.get(session.pk)
        if speakers:
            names = ", ".join(conditional_escape(name) for name in speakers)
            out += f'<p class="session-card__speakers">{names}</p>'
        out += "\n"
        tags = session.accessibility_tags
        if tags:
            items = "".join(f'<li class="tag">{conditional_escape(tag.label)}</li>' for tag in tags)
            out += f'<ul class="tag-list" aria-label="{self.texts["accessibility"]}">{items}</ul>'
        return out + "\n"

    def _star_form(self, session: Session, title: str) -> str:
        if self.read_only or session.is_cancelled:
            return ""
        url = self.star_url(session.public_id)
        on = session.public_id in self.starred_ids
        return (
            f'<form class="star-form" method="post" action="{url}" hx-post="{url}" hx-swap="outerHTML">'
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{self.csrf}">'
            f'<input type="hidden" name="next" value="{self.next}">'
            f'<button type="submit" class="star-button{" star-button--on" if on else ""}">'
            f'<span aria-hidden="true">{"★" if on else "☆"}</span> <span class="star-button__text">'
            f'{self.texts["remove" if on else "add"]}<span class="visually-hidden">: {title}</span></span>'
            "</button></form>\n"
        )

    def card(self, session: Session, *, column: int, row_start: int, row_end: int) -> str:
        title = conditional_escape(session.title)
        cancelled = session.is_cancelled
        status = (
            f'<p class="status-cancelled"><span aria-hidden="true">✕</span> {self.texts["cancelled"]}</p>'
            if cancelled
            else ""
        )
        classes = f"session-card--{conditional_escape(session.kind)}" + (
            " session-card--cancelled" if cancelled else ""
        )
        link = f'<a href="{self.detail_url(session.public_id)}">{title}</a>'
        return (
            f'<article class="session-card {classes}" style="--c:{column};--r:{row_start}/{row_end}">\n'
            f"{self._times(session)}"
            f'<h3 class="session-card__title">{link}</h3>\n'
            f"{status}\n\n"
            f"{self._meta(session)}{self._speakers_and_tags(session)}"
            f"{self._star_form(session, title)}\n</article>\n"
        )


def for_timeline(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """The sessions with what the cards show besides their speakers: their space (no themes, no edition)."""
    return sessions.select_related("space").order_by(*LISTING_ORDER)


def speaker_names(sessions: list[Session]) -> dict[int, list[str]]:
    """Each session's speakers' names, in the speakers' order, from one query on the through table
    (prefetching them built a manager and a queryset per session: a fifth of the page's CPU)."""
    rows = Session.speakers.through.objects.filter(session_id__in=[session.pk for session in sessions])
    names: dict[int, list[str]] = {}
    for session_id, name in rows.order_by("speaker__name").values_list("session_id", "speaker__name"):
        names.setdefault(session_id, []).append(name)
    return names


LISTING_ORDER = ("starts_at", "space__position", "space__slug", "pk")  # as Session.objects.for_listing()


def timeline_cards(request: HttpRequest, items, *, starred_ids, read_only: bool) -> SafeString:
    """The cards of the timeline's `items` (events.views.TimelineItem), as the card template renders them."""
    sessions = [item.session for item in items]
    writer = CardWriter(
        request, starred_ids=starred_ids, read_only=read_only, speakers=speaker_names(sessions)
    )
    cards = (
        writer.card(item.session, column=item.column, row_start=item.row_start, row_end=item.row_end)
        for item in items
    )
    return mark_safe("".join(cards))  # noqa: S308 - every value above is escaped
