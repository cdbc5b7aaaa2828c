from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsoleConfig(AppConfig):
    """The organizers' console: the staff area in the site's own design, over the domain apps' services."""

    name = "console"
    verbose_name = _("Organizers’ console")
