from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class TalksConfig(AppConfig):
    name = "talks"
    verbose_name = _("Calls for proposals and talks")

    def ready(self) -> None:
        # Imported here, not at the top: these modules use the models, which load after this module.
        from tickets.signals import edition_anonymized

        from .permissions import grant_reviewer_permissions
        from .services.privacy import on_edition_anonymized

        post_migrate.connect(grant_reviewer_permissions, dispatch_uid="talks-reviewer-group")
        edition_anonymized.connect(on_edition_anonymized, dispatch_uid="talks-erase-proposals")
