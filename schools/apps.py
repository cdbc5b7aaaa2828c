from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolsConfig(AppConfig):
    name = "schools"
    verbose_name = _("Schools and workshops")

    def ready(self) -> None:
        # Imported here, not at the top: these modules use the models, which load after this module.
        from tickets import mail

        from . import documents

        mail.register_attachment_renderer(documents.CLASS_PDF, documents.class_pdf_for_mail)
        mail.register_attachment_renderer(documents.CLASS_ICS, documents.class_ics_for_mail)
