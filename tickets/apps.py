from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TicketsConfig(AppConfig):
    name = "tickets"
    verbose_name = _("Tickets and check-in")

    def ready(self) -> None:
        # Imported here, not at the top: these modules use the models, which load after this module.
        from . import checks, documents, mail  # noqa: F401 (checks registers itself)

        mail.register_attachment_renderer(documents.REGISTRATION_PDF, documents.registration_pdf)
        mail.register_mail_composer(documents.MANAGE_LINKS, documents.manage_links)
        mail.register_mail_composer(documents.CONFIRM_LINK, documents.confirm_link)
