"""The stage player (staff only): the running order of a stage's Pecha Kucha talks on a day, played from
the stage laptop; a service worker keeps the page and every slide so the hall's Wi-Fi may drop."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from core.access import staff_required
from core.service_workers import fingerprint, worker_response
from events.enums import SessionKind
from events.models import Day, Session, Space

from .slides import player_text
from .staff import staff_call

STAGE_ASSETS = ("js/talks/player.js", "css/talks.css", "css/site.css")
STAGE_WORKER = "js/talks/stage-sw.js"


@require_GET
@staff_required("talks.run_stage")
def stage_list(request: HttpRequest) -> HttpResponse:
    call = staff_call()
    sessions = (
        Session.objects.of_edition(call.edition)
        .scheduled()
        .filter(kind=SessionKind.PECHA_KUCHA)
        .select_related("day", "space")
        .order_by("day__date", "space__position", "starts_at")
    )
    runs: dict[tuple[int, int], dict] = {}
    for session in sessions:
        run = runs.setdefault(
            (session.day_id, session.space_id), {"day": session.day, "space": session.space, "sessions": []}
        )
        run["sessions"].append(session)
    return render(request, "talks/stage_list.html", {"call": call, "runs": list(runs.values())})


def running_order(day: Day, space: Space) -> list[dict]:
    """The decks of the stage's Pecha Kucha talks that day, in order: title, speakers, slide URLs."""
    sessions = (
        Session.objects.filter(day=day, space=space, kind=SessionKind.PECHA_KUCHA)
        .scheduled()
        .select_related("proposal")
        .prefetch_related("proposal__slides", "proposal__speakers")
        .order_by("starts_at")
    )
    decks = []
    for session in sessions:
        proposal = getattr(session, "proposal", None)
        if proposal is None:
            continue
        decks.append(
            {
                "title": session.title,
                "speakers": ", ".join(s.name for s in proposal.speakers.all()),
                "starts": f"{session.starts_at:%H:%M}",
                "slides": [
                    reverse(
                        "talks:stage-slide", kwargs={"public_id": proposal.public_id, "position": s.position}
                    )
                    for s in proposal.slides.all()
                ],
            }
        )
    return decks


@require_GET
@staff_required("talks.run_stage")
def stage(request: HttpRequest, day_id: int, space_id: int) -> HttpResponse:
    day = get_object_or_404(Day, pk=day_id)
    space = get_object_or_404(Space, pk=space_id, edition=day.edition)
    decks = running_order(day, space)
    context = {
        "day": day,
        "space": space,
        "decks": decks,
        "incomplete": [d["title"] for d in decks if len(d["slides"]) != 20],
        "player_text": player_text(),
        "worker": reverse("talks:stage-worker"),
        "scope": reverse("talks:stage-list"),
    }
    return render(request, "talks/stage.html", context)


@require_GET
@cache_control(no_cache=True, max_age=0)
def stage_worker(request: HttpRequest) -> HttpResponse:
    """The worker script, with the player's assets and a version written in front of it."""
    version = f"{fingerprint(STAGE_WORKER, STAGE_ASSETS)}-{get_language()}"
    constants = {"VERSION": version, "PRECACHE": [static(path) for path in STAGE_ASSETS]}
    return worker_response(worker=STAGE_WORKER, constants=constants, scope=reverse("talks:stage-list"))
