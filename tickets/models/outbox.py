"""The outbox: mails queued in the request, sent by the worker."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..enums import MailStatus


class OutgoingMail(models.Model):
    """A mail in the outbox (see tickets.mail)."""

    to = models.EmailField(_("to"))
    from_email = models.CharField(
        _("from"), max_length=250, blank=True, help_text=_("Empty: the site's default sender.")
    )
    subject = models.CharField(_("subject"), max_length=250)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=MailStatus, default=MailStatus.QUEUED)
    dedupe_key = models.CharField(_("deduplication key"), max_length=120, null=True, blank=True, unique=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    compose_key = models.CharField(
        _("composed by"),
        max_length=120,
        blank=True,
        help_text=_("Subject and text made when the mail is sent, by this function, then kept."),
    )

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=MailStatus.values), name="outgoingmail_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"


class MailAttachment(models.Model):
    mail = models.ForeignKey(OutgoingMail, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(_("file name"), max_length=120)
    content = models.BinaryField(_("content"), blank=True)
    mimetype = models.CharField(_("type"), max_length=80)
    render_key = models.CharField(
        _("rendered by"),
        max_length=120,
        blank=True,
        help_text=_("Made when the mail is sent, by this function and argument, then kept."),
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.filename
