from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    """What every app shares and no app owns: page cache, errors, forms, throttling, health, permissions."""

    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from .content_areas import connect_invalidation
        from .permissions import grant_organizer_permissions

        connect_invalidation()
        # post_migrate decouples the group's permissions from the apps that later add models.
        post_migrate.connect(grant_organizer_permissions, dispatch_uid="core-organizer-group")
