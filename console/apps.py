from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ConsoleConfig(AppConfig):
    """The organizers' console: the staff area in the site's own design, over the domain apps' services."""

    name = "console"
    verbose_name = _("Organizers’ console")

    def ready(self) -> None:
        # Imported here, not at the top: these modules use the models, which load after this module.
        from tickets.signals import edition_anonymized, registration_erased

        from .roles import grant_role_permissions
        from .services.privacy import on_edition_anonymized, on_registration_erased

        # After the console's own migrate (the last of the domain apps): every permission exists by then.
        post_migrate.connect(grant_role_permissions, sender=self, dispatch_uid="console-role-groups")
        edition_anonymized.connect(on_edition_anonymized, dispatch_uid="console-erase-recorded-data")
        registration_erased.connect(on_registration_erased, dispatch_uid="console-erase-recorded-data")
