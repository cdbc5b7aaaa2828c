"""The one NinjaAPI: each app mounts its router here."""

from ninja import NinjaAPI

from core.errors import register_api_handler

api = NinjaAPI(
    title="Printemps Numérique API",
    version="1",
    urls_namespace="api",
    description="Programme, tickets, check-in, schools and exhibitors of the Printemps Numérique fair.",
)


register_api_handler(api)

api.add_router("/", "tickets.checkin.api.router")
api.add_router("/", "events.api.router")  # /api/v1/sessions, /speakers, /spaces, /themes, /days
api.add_router("/tickets/", "tickets.api.router")  # /api/v1/tickets/availability
api.add_router("/", "exhibitors.api.router")  # /api/v1/exhibitors/, /exhibitors/{slug}, /halls, /stands
api.add_router("/schools/", "schools.api.router")  # /api/v1/schools/workshops, /schools/slots
