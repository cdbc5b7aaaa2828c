"""The benchmarks' baseline: a bare view of this app that reads one row by an indexed key.

Mounted only by the benchmark's settings (bench/settings.py, bench/urls.py: `make bench`), never in
production. It runs through the same middleware, database and gunicorn as every other view, so the
scenarios in BENCHMARKS.md are measured as a ratio of what the stack itself costs.
"""

from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from tickets.models import Ticket


@require_GET
def baseline(request: HttpRequest, public_id: str) -> JsonResponse:
    # The bare one-row read: `with_rehearsals` adds no rehearsal filter to the query it measures against.
    row = Ticket.with_rehearsals.filter(public_id=public_id).values("public_id", "status").first()
    if row is None:
        raise Http404
    return JsonResponse(row)
