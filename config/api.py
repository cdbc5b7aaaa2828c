"""The one NinjaAPI: each app mounts its router here."""

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError

from core.errors import register_api_handler

api = NinjaAPI(
    title="Printemps Numérique API",
    version="1",
    urls_namespace="api",
    description="Programme, tickets, check-in, schools and exhibitors of the Printemps Numérique fair.",
)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """django-ninja's own errors. A body that is not JSON gets a 400 shaped like every documented 400,
    {"code", "detail"}, not a bare {"detail"} (found by tests/api/test_openapi.py); the rest as ninja says."""
    body = {"detail": str(exc)}
    if exc.status_code == 400:
        body = {"code": "bad_request", **body}
    return api.create_response(request, body, status=exc.status_code)


register_api_handler(api)

api.add_router("/", "tickets.checkin.api.router")
api.add_router("/", "events.api.router")  # /api/v1/sessions, /speakers, /spaces, /themes, /days
api.add_router("/tickets/", "tickets.api.router")  # /api/v1/tickets/availability
api.add_router("/", "exhibitors.api.router")  # /api/v1/exhibitors/, /exhibitors/{slug}, /halls, /stands
api.add_router("/schools/", "schools.api.router")  # /api/v1/schools/workshops, /schools/slots
