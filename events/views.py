from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import Edition


def home(request: HttpRequest) -> HttpResponse:
    edition = Edition.objects.current()
    days = edition.days.all() if edition else []
    themes = edition.themes.all() if edition else []
    spaces = edition.spaces.all() if edition else []
    return render(
        request, "events/home.html", {"edition": edition, "days": days, "themes": themes, "spaces": spaces}
    )


def edition_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "events/edition_list.html", {"editions": Edition.objects.past().prefetch_related("days")}
    )


def edition_detail(request: HttpRequest, slug: str) -> HttpResponse:
    edition = get_object_or_404(Edition.objects.published(), slug=slug)
    return render(
        request,
        "events/edition_detail.html",
        {
            "edition": edition,
            "days": edition.days.all(),
            "themes": edition.themes.all(),
            "spaces": edition.spaces.all(),
        },
    )


def page(request: HttpRequest, template: str) -> HttpResponse:
    return render(request, f"pages/{template}.html")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not ready"
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})
