"""An edition's rules for online registration, as fields of Edition (kept here, beside models.py)."""

from __future__ import annotations

import datetime as dt

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class OnlineRegistrationSettings(models.Model):
    registration_confirms_email = models.BooleanField(
        _("online registrations confirm their e-mail address"),
        default=True,
        help_text=_(
            "The places are held until the visitor presses the button in the mail we send; only then are the "
            "tickets issued. Desk, phone and post registrations never need it."
        ),
    )
    registration_hold_minutes = models.PositiveSmallIntegerField(
        _("places held for (minutes)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
        help_text=_("How long an online registration's places wait for the e-mail confirmation."),
    )

    class Meta:
        abstract = True

    @property
    def registration_hold(self) -> dt.timedelta:
        """How long an online registration's places wait for its e-mail confirmation."""
        return dt.timedelta(minutes=self.registration_hold_minutes)
