"""What staff did from the console: every action on a registration is kept, with who and when."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tickets.models import Registration


class ActionKind(models.TextChoices):
    RESEND = "resend", _("Tickets mailed again")
    CANCEL_TICKET = "cancel_ticket", _("Ticket cancelled")
    CANCEL_ALL = "cancel_all", _("All tickets cancelled")
    ADD_COMPANION = "add_companion", _("Companion added")
    MOVE_DAY = "move_day", _("Moved to another day")
    NEW_LINK = "new_link", _("New link given")
    RETRY_MAIL = "retry_mail", _("Failed mails retried")
    CAPACITY = "capacity", _("Capacity changed")


class StaffAction(models.Model):
    """One thing a staff member did. `nonce` comes from the form that asked for it: a form sent twice (a
    double click, a reload) finds its action already recorded and does nothing more."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
    user_name = models.CharField(_("staff member's name"), max_length=150)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    kind = models.CharField(_("action"), max_length=16, choices=ActionKind)
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="staff_actions",
        verbose_name=_("registration"),
    )
    details = models.CharField(_("details"), max_length=300, blank=True)
    nonce = models.CharField(_("form nonce"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("staff action")
        verbose_name_plural = _("staff actions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ActionKind.values), name="staffaction_kind_valid"),
            models.UniqueConstraint(
                fields=["nonce"], condition=~Q(nonce=""), name="staffaction_nonce_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.user_name} – {self.created_at:%Y-%m-%d %H:%M}"
