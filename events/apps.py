from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Editions and programme")

    def ready(self) -> None:
        from . import services

        # post_migrate decouples the group's permissions from the apps that later add models.
        post_migrate.connect(services.grant_organizer_permissions, dispatch_uid="events-organizer-group")
