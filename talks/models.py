"""The call for proposals of an edition, the proposals it receives, their review, and the slides of the talks.

A proposal is reached without an account through a secret link (only its hash is stored, as for the
exhibitor portal). Its `state` moves only through the services, by conditional updates, so a transition
(and the mail it sends) happens once however many times the button is pressed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Day, Edition, Session, Speaker, Theme, new_public_id

from .enums import Decision, MailLanguage, ProposalFormat, ProposalState, TalkLanguage

PECHA_KUCHA_SLIDES = 20
SCORE_MAX = 4


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_token_hash() -> str:
    """The hash of a token nobody knows: a proposal's link works only once the service makes one."""
    return hash_token(secrets.token_urlsafe(32))


class CallQuerySet(models.QuerySet):
    def open_at(self, at: dt.datetime) -> CallQuerySet:
        return self.filter(opens_at__lte=at, closes_at__gt=at, edition__is_published=True)


class Call(models.Model):
    edition = models.OneToOneField(
        Edition, on_delete=models.CASCADE, related_name="call", verbose_name=_("edition")
    )
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"), help_text=_("Proposals can be sent and edited until then."))
    text = models.TextField(_("call text"), help_text=_("What the call asks for, shown on its public page."))
    accepts_pecha_kucha = models.BooleanField(_("accepts Pecha Kucha"), default=True)
    accepts_talk = models.BooleanField(_("accepts talks"), default=True)
    accepts_demo = models.BooleanField(_("accepts demos"), default=True)
    themes = models.ManyToManyField(
        Theme,
        related_name="calls",
        blank=True,
        verbose_name=_("themes"),
        help_text=_("Leave empty to offer the edition's themes."),
    )
    slides_due_at = models.DateTimeField(
        _("slides due"),
        null=True,
        blank=True,
        help_text=_("Pecha Kucha speakers upload their slides by then."),
    )

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="call_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(accepts_pecha_kucha=True) | Q(accepts_talk=True) | Q(accepts_demo=True),
                name="call_accepts_a_format",
            ),
        ]

    def __str__(self) -> str:
        return str(self.edition)

    def is_open(self, at: dt.datetime | None = None) -> bool:
        at = at or timezone.now()
        return self.opens_at <= at < self.closes_at

    @property
    def formats(self) -> list[ProposalFormat]:
        flags = {
            ProposalFormat.PECHA_KUCHA: self.accepts_pecha_kucha,
            ProposalFormat.TALK: self.accepts_talk,
            ProposalFormat.DEMO: self.accepts_demo,
        }
        return [fmt for fmt, accepted in flags.items() if accepted]


class Proposal(models.Model):
    public_id = models.CharField(
        _("public id"), max_length=10, unique=True, default=new_public_id, editable=False
    )
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("call"))
    token_hash = models.CharField(
        _("secret link (hash)"), max_length=64, unique=True, default=new_token_hash, editable=False
    )
    title = models.CharField(_("title"), max_length=200)
    abstract = models.TextField(_("abstract"), max_length=3000)
    format = models.CharField(_("format"), max_length=16, choices=ProposalFormat)
    language = models.CharField(_("language of the talk"), max_length=8, choices=TalkLanguage)
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("theme")
    )
    available_days = models.ManyToManyField(
        Day, related_name="+", blank=True, verbose_name=_("days the speakers can come")
    )
    accessibility_needs = models.TextField(_("accessibility needs"), max_length=1000, blank=True)
    contact_email = models.EmailField(_("contact email"))
    contact_language = models.CharField(
        _("language of our mails"), max_length=2, choices=MailLanguage, default=MailLanguage.FR
    )
    state = models.CharField(
        _("state"), max_length=12, choices=ProposalState, default=ProposalState.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last change"), default=timezone.now, editable=False)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    session = models.OneToOneField(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
        verbose_name=_("programme session"),
    )
    anonymized_at = models.DateTimeField(_("personal data erased"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(format__in=ProposalFormat.values), name="proposal_format_valid"
            ),
            models.CheckConstraint(
                condition=Q(language__in=TalkLanguage.values), name="proposal_language_valid"
            ),
            models.CheckConstraint(
                condition=Q(contact_language__in=MailLanguage.values), name="proposal_contact_language_valid"
            ),
            models.CheckConstraint(condition=Q(state__in=ProposalState.values), name="proposal_state_valid"),
            models.CheckConstraint(
                condition=Q(session__isnull=True) | Q(state=ProposalState.CONFIRMED),
                name="proposal_session_only_when_confirmed",
            ),
        ]
        indexes = [models.Index(fields=["call", "state"])]
        permissions = [
            ("review_proposal", _("Can review proposals")),
            ("decide_proposal", _("Can accept, reject or reserve proposals")),
            ("schedule_proposal", _("Can put confirmed talks on the programme")),
            ("run_stage", _("Can run the stage player")),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_pecha_kucha(self) -> bool:
        return self.format == ProposalFormat.PECHA_KUCHA


class ProposalSpeaker(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="speakers", verbose_name=_("proposal")
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=160, blank=True)
    bio = models.TextField(_("short biography"), max_length=1200, blank=True)
    photo = models.ImageField(_("photo"), upload_to="talks/speakers/", blank=True)
    photo_consent = models.BooleanField(_("consents to the photo being published"), default=False)
    speaker = models.ForeignKey(
        Speaker,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("programme speaker"),
    )

    class Meta:
        verbose_name = _("proposal speaker")
        verbose_name_plural = _("proposal speakers")
        ordering = ["proposal", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(photo="") | Q(photo_consent=True), name="proposalspeaker_photo_consent"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """What reviewers score a proposal on, from 0 to SCORE_MAX."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("call"))
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["call", "position", "pk"]

    def __str__(self) -> str:
        return self.name


class Review(models.Model):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("proposal")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("reviewer")
    )
    conflict_of_interest = models.BooleanField(_("conflict of interest"), default=False)
    comment = models.TextField(_("comment"), max_length=3000, blank=True)
    created_at = models.DateTimeField(_("reviewed"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["proposal", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "reviewer"], name="review_one_per_reviewer"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal} – {self.reviewer}"


class Score(models.Model):
    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="scores", verbose_name=_("review")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="score_one_per_criterion"),
            models.CheckConstraint(condition=Q(value__lte=SCORE_MAX), name="score_value_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class DecisionTemplate(models.Model):
    """The mail a speaker gets for a decision, written by the organizers in French, Dutch and English.

    `{title}`, `{edition}` and `{link}` in the subject or body are replaced by the proposal's."""

    decision = models.CharField(_("decision"), max_length=12, choices=Decision, unique=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"))

    class Meta:
        verbose_name = _("decision mail")
        verbose_name_plural = _("decision mails")
        ordering = ["decision"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__in=Decision.values), name="decisiontemplate_decision_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.get_decision_display()


class Slide(models.Model):
    """One slide of a Pecha Kucha deck, stored as a WebP image the stage player shows for 20 seconds."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="slides", verbose_name=_("proposal")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    image = models.ImageField(_("image"), upload_to="talks/slides/")
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("slide")
        verbose_name_plural = _("slides")
        ordering = ["proposal", "position"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "position"], name="slide_position_unique"),
            models.CheckConstraint(
                condition=Q(position__gte=1) & Q(position__lte=PECHA_KUCHA_SLIDES),
                name="slide_position_in_deck",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.proposal} #{self.position}"
