"""The health check load balancers and the benchmark poll: is the database answering? and the cache?"""

from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .cache_guard import probe


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database answers, 503 when it does not. The shared cache is
    reported ("ok" or "down") but never fails the check: the site keeps working without it."""
    cache = "ok" if probe() else "down"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not ready"
        return JsonResponse({"status": "unavailable", "database": "down", "cache": cache}, status=503)
    return JsonResponse({"status": "ok", "database": "up", "cache": cache})
