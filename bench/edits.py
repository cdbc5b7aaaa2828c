"""Content edits for the benchmark's crowd-after-an-edit scenario (bench/scenarios_change.py), made through
the ORM as the back office makes them, so the page cache is invalidated by its signals on commit.

Runs as a child process that reads one command a line on stdin and answers once the edit committed:
    exhibitor -> an exhibitor's profile saved (an edit the programme does not show)
    session   -> a session of the programme's first day retitled (an edit the programme shows); answers
                 the new title, which the scenario then looks for on the page
"""

from __future__ import annotations

import os
import sys
import uuid


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.db import transaction

    from events.models import Edition, Session
    from exhibitors.models import Exhibitor

    edition = Edition.objects.current()
    day = edition.days.order_by("date").first()
    print("ready", flush=True)
    for line in sys.stdin:
        command = line.strip()
        stamp = uuid.uuid4().hex[:8]
        with transaction.atomic():
            if command == "exhibitor":
                exhibitor = Exhibitor.objects.filter(edition=edition).order_by("pk").first()
                exhibitor.description_fr = f"Profil mis à jour ({stamp})."
                exhibitor.save()
                answer = stamp
            elif command == "session":
                session = Session.objects.published().filter(day=day).order_by("starts_at", "pk").first()
                session.title_fr = f"Séance modifiée {stamp}"
                session.save()
                answer = session.title_fr
            else:
                answer = f"unknown command {command!r}"
        print(answer, flush=True)


if __name__ == "__main__":
    main()
