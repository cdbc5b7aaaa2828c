from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The project-wide pieces that belong to no domain app: today, the page cache's invalidation."""

    name = "config"
    label = "site"
    verbose_name = "Site"

    def ready(self) -> None:
        from .caching import connect_invalidation

        connect_invalidation()
