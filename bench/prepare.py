"""Data for a benchmark run (run by bench/run.py on the benchmark database, after `load_demo`).

- the demo programme topped up to 300 published sessions and the exhibitor directory to 50 exhibitors;
- an unpublished "bench" edition with a day *today*, a gate, one scanner device per simulated scanner and
  `--tickets` valid tickets (check-in needs tickets of today);
- a public day of the current edition with exactly `--places` places left, and open registration;
- and writes what the load generator needs (tokens, codes, form fields) to a JSON file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=4000)
    parser.add_argument("--scanners", type=int, default=20)
    parser.add_argument("--places", type=int, default=300)
    parser.add_argument("--sessions", type=int, default=300)
    parser.add_argument("--exhibitors", type=int, default=50)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    data = {
        **programme(args.sessions),
        **exhibitors(args.exhibitors),
        **checkin(args.tickets, args.scanners),
        **spike_day(args.places),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=1))
    print(
        f"prepared: {data['session_count']} sessions, {data['exhibitor_count']} exhibitors, "
        f"{len(data['codes'])} check-in tickets, {len(data['tokens'])} scanners, "
        f"{data['places_left']} places left on day {data['spike_day']}",
        file=sys.stderr,
    )


def programme(target: int) -> dict:
    from django.utils import timezone

    from events.enums import SessionKind
    from events.models import Edition, Session, Theme

    edition = Edition.objects.current()
    sessions = Session.objects.of_edition(edition)
    missing = target - sessions.published().count()
    themes = list(Theme.objects.all())
    spaces = [s for s in edition.spaces.order_by("pk") if s.kind != "facility"]
    new = []
    slot = dt.timedelta(minutes=20)
    for day in edition.days.order_by("date"):
        for space in spaces:
            taken = list(
                Session.objects.scheduled().filter(space=space, day=day).values_list("starts_at", "ends_at")
            )
            start = day.starts
            while missing > 0 and start + slot <= day.ends:
                end = start + slot
                if not any(s < end and e > start for s, e in taken):
                    n = len(new) + 1
                    new.append(
                        Session(
                            day=day,
                            space=space,
                            kind=SessionKind.values[n % len(SessionKind.values)],
                            title_fr=f"Atelier numérique {n}",
                            title_nl=f"Digitale workshop {n}",
                            title_en=f"Digital workshop {n}",
                            description_fr="Une session générée pour les mesures de charge.",
                            description_nl="Een sessie gegenereerd voor de belastingsmetingen.",
                            description_en="A session generated for the load benchmarks.",
                            starts_at=start,
                            ends_at=end,
                            is_published=True,
                            last_modified=timezone.now(),
                        )
                    )
                    taken.append((start, end))
                    missing -= 1
                start = end
    Session.objects.bulk_create(new)
    through = Session.themes.through
    through.objects.bulk_create(
        through(session_id=session.pk, theme_id=themes[i % len(themes)].pk) for i, session in enumerate(new)
    )
    return {"session_count": sessions.published().count(), "edition_slug": edition.slug}


def exhibitors(target: int) -> dict:
    from events.models import Edition
    from exhibitors.models import Exhibitor

    edition = Edition.objects.current()
    existing = list(Exhibitor.objects.filter(edition=edition).order_by("pk"))
    for n in range(target - len(existing)):
        clone = Exhibitor.objects.get(pk=existing[n % len(existing)].pk)
        clone.pk = None
        clone.name = f"{clone.name} {n + 2}"
        clone.slug = f"{clone.slug}-{n + 2}"[:80]
        clone.save()
    return {"exhibitor_count": Exhibitor.objects.filter(edition=edition).count()}


def checkin(count: int, scanners: int) -> dict:
    from django.utils import timezone

    from events.models import Day, Edition
    from tickets.checkin.models import Gate
    from tickets.checkin.services import create_device
    from tickets.enums import TicketKind
    from tickets.models import Ticket

    today = timezone.localdate()
    edition, _created = Edition.objects.get_or_create(
        slug="bench",
        defaults={
            "name": "Bench",
            "starts_on": today,
            "ends_on": today,
            "venue_name": "Bench",
            "venue_address": "Bench",
            "registration_opens_at": timezone.now() - dt.timedelta(days=1),
            "registration_closes_at": timezone.now() + dt.timedelta(days=1),
            "is_published": False,
        },
    )
    day, _created = Day.objects.get_or_create(
        edition=edition,
        date=today,
        defaults={"opens_at": dt.time(0, 0), "closes_at": dt.time(23, 59), "capacity": count * 2},
    )
    gate, _created = Gate.objects.get_or_create(edition=edition, name="Bench gate")
    tokens = [create_device(gate=gate, name=f"Scanner {n + 1}", with_token=True)[1] for n in range(scanners)]
    tickets = Ticket.objects.bulk_create(
        Ticket(edition=edition, day=day, kind=TicketKind.VISITOR, holder_name=f"Visitor {n}")
        for n in range(count)
    )
    return {"tokens": tokens, "codes": [ticket.signed_code() for ticket in tickets]}


def spike_day(places: int) -> dict:
    from django.utils import timezone, translation
    from django.utils.datastructures import MultiValueDict
    from django.utils.html import escape

    from events.models import ArrivalWindow, Day, Edition
    from tickets import services
    from tickets.forms import RegistrationForm
    from tickets.models import WaitingListEntry

    edition = Edition.objects.current()
    Edition.objects.filter(pk=edition.pk).update(
        registration_opens_at=timezone.now() - dt.timedelta(days=1),
        registration_closes_at=timezone.now() + dt.timedelta(days=30),
    )
    edition.refresh_from_db()
    day = services.public_days(edition)[-1]
    WaitingListEntry.objects.filter(day=day).delete()
    capacity = day.capacity - services.places_left(day=day) + places
    Day.objects.filter(pk=day.pk).update(capacity=capacity)
    ArrivalWindow.objects.filter(day=day).update(capacity=capacity)
    day.refresh_from_db()
    window = day.arrival_windows.order_by("starts_at").first()
    form = RegistrationForm(edition=edition)
    fields = {
        "edition": edition.slug,
        "days": str(day.pk),
        "language": "fr",
        "companions": "0",
        "postal_code": "1000",
        "website": "",
    }
    if window is not None:
        fields[form.window_fields[day.pk]] = str(window.pk)
    sample = {**fields, "name": "Ana Peeters", "email": "ana@example.org"}
    check = RegistrationForm(MultiValueDict({k: [v] for k, v in sample.items()}), edition=edition)
    if not check.is_valid():
        raise SystemExit(f"the registration payload does not validate: {check.errors.as_json()}")
    with translation.override("fr"):
        from django.utils.translation import gettext

        full_marker = gettext("Join the waiting list or choose another day.")
    return {
        "spike_day": day.pk,
        "places_left": services.places_left(day=day),
        "form_fields": fields,
        "full_markers": [full_marker, escape(full_marker)],
    }


if __name__ == "__main__":
    main()
