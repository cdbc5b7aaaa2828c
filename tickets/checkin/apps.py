from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CheckinConfig(AppConfig):
    """Check-in lives inside tickets (it owns it) as its own app, with its own migrations and models."""

    name = "tickets.checkin"
    label = "checkin"
    verbose_name = _("Gates and check-in")
