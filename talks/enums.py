from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProposalFormat(models.TextChoices):
    PECHA_KUCHA = "pecha_kucha", _("Pecha Kucha (20 slides × 20 seconds)")
    TALK = "talk", _("Talk")
    DEMO = "demo", _("Demo")


class TalkLanguage(models.TextChoices):
    """The language a talk is given in (the programme's SpokenLanguage, less "no words needed")."""

    FR = "fr", _("French")
    NL = "nl", _("Dutch")
    EN = "en", _("English")
    FR_NL = "fr_nl", _("French and Dutch")


class MailLanguage(models.TextChoices):
    FR = "fr", "Français"
    NL = "nl", "Nederlands"
    EN = "en", "English"


class ProposalState(models.TextChoices):
    SUBMITTED = "submitted", pgettext_lazy("proposal", "Submitted")
    WITHDRAWN = "withdrawn", pgettext_lazy("proposal", "Withdrawn")
    ACCEPTED = "accepted", pgettext_lazy("proposal", "Accepted")
    RESERVE = "reserve", pgettext_lazy("proposal", "On the reserve list")
    REJECTED = "rejected", pgettext_lazy("proposal", "Not selected")
    CONFIRMED = "confirmed", pgettext_lazy("proposal", "Confirmed by the speaker")
    DECLINED = "declined", pgettext_lazy("proposal", "Declined by the speaker")


class Decision(models.TextChoices):
    """What organizers decide about a proposal, and the mail template that tells the speaker."""

    ACCEPTED = "accepted", pgettext_lazy("decision", "Accept")
    RESERVE = "reserve", pgettext_lazy("decision", "Reserve list")
    REJECTED = "rejected", pgettext_lazy("decision", "Reject")


# A proposal whose speakers' personal data is erased with the edition's: never on the programme.
ERASABLE_STATES = (ProposalState.REJECTED, ProposalState.WITHDRAWN, ProposalState.DECLINED)
