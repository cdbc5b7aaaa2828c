from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitorsConfig(AppConfig):
    name = "exhibitors"
    verbose_name = _("Exhibitors and stands")

    def ready(self) -> None:
        # Imported here, not at the top: these modules use the models, which load after this module.
        from tickets import mail

        from . import documents

        mail.register_attachment_renderer(documents.STAFF_BADGE_PDF, documents.staff_badge_pdf)
