from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares and no app owns: page cache, errors, forms, throttling, health."""

    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from .caching import connect_invalidation

        connect_invalidation()
