"""The demo call for proposals of the upcoming edition: open now, with its criteria, decision mails and a
few proposals in different states. Idempotent: found by natural key, created when missing."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from events.models import Theme
from talks.enums import Decision, MailLanguage, ProposalFormat, ProposalState, TalkLanguage
from talks.models import Call, Criterion, DecisionTemplate, Proposal, ProposalSpeaker

from .events import upcoming_edition

CALL_TEXT = {
    "fr": "Vous travaillez sur le jumeau numérique, le climat, la mobilité, la cybersécurité, l'e-gaming, "
    "les métiers du numérique ou l'inclusion numérique ? Racontez-le en Pecha Kucha : 20 images, "
    "20 secondes chacune, sur une scène du Printemps Numérique.",
    "nl": "Werk je aan digitale tweelingen, klimaat, mobiliteit, cyberveiligheid, e-gaming, digitale jobs of "
    "digitale inclusie? Vertel het in een Pecha Kucha: 20 beelden van elk 20 seconden, op een podium van "
    "de Digitale Lente.",
    "en": "Working on digital twins, climate, mobility, cybersecurity, e-gaming, digital jobs or digital "
    "inclusion? Tell it as a Pecha Kucha: 20 images, 20 seconds each, on a Digital Spring stage.",
}
CRITERIA = [
    ("Pertinence pour le public", "Relevantie voor het publiek", "Relevance for the audience"),
    ("Clarté", "Duidelijkheid", "Clarity"),
    ("Originalité", "Originaliteit", "Originality"),
]
TEMPLATES = {
    Decision.ACCEPTED: (
        (
            "Votre proposition « {title} » est acceptée",
            "Je voorstel “{title}” is aanvaard",
            "Your proposal “{title}” is accepted",
        ),
        (
            "Bonjour,\n\nBonne nouvelle : « {title} » est au programme de {edition}. "
            "Confirmez votre venue ici :\n{link}",
            "Hallo,\n\nGoed nieuws: “{title}” staat op het programma van {edition}. "
            "Bevestig hier dat je komt:\n{link}",
            "Hello,\n\nGood news: “{title}” is on the programme of {edition}. "
            "Confirm that you will come here:\n{link}",
        ),
    ),
    Decision.REJECTED: (
        ("Votre proposition « {title} »", "Je voorstel “{title}”", "Your proposal “{title}”"),
        (
            "Bonjour,\n\nMerci pour « {title} ». Nous n'avons pas pu la retenir cette année.\n{link}",
            "Hallo,\n\nBedankt voor “{title}”. We konden het dit jaar niet selecteren.\n{link}",
            "Hello,\n\nThank you for “{title}”. We could not select it this year.\n{link}",
        ),
    ),
    Decision.RESERVE: (
        (
            "« {title} » est en réserve",
            "“{title}” staat op de reservelijst",
            "“{title}” is on the reserve list",
        ),
        (
            "Bonjour,\n\n« {title} » est sur la liste de réserve de {edition}.\n{link}",
            "Hallo,\n\n“{title}” staat op de reservelijst van {edition}.\n{link}",
            "Hello,\n\n“{title}” is on the reserve list of {edition}.\n{link}",
        ),
    ),
}
# title, format, language, theme slug, state, speaker, organisation, mail language
PROPOSALS = [
    (
        "Le jumeau numérique de Bruxelles en 20 images",
        ProposalFormat.PECHA_KUCHA,
        TalkLanguage.FR,
        "digital-twin",
        ProposalState.SUBMITTED,
        "Amélie Dubois",
        "Brussels Urban Lab",
        MailLanguage.FR,
    ),
    (
        "Fietsen met data",
        ProposalFormat.PECHA_KUCHA,
        TalkLanguage.NL,
        "mobility",
        ProposalState.SUBMITTED,
        "Pieter Claes",
        "Mobiel Brussel",
        MailLanguage.NL,
    ),
    (
        "Phishing : les 20 pièges du quotidien",
        ProposalFormat.PECHA_KUCHA,
        TalkLanguage.FR,
        "cybersecurity",
        ProposalState.ACCEPTED,
        "Nadia El Amrani",
        "CyberSafe asbl",
        MailLanguage.FR,
    ),
    (
        "Retrogaming repair café",
        ProposalFormat.DEMO,
        TalkLanguage.EN,
        "e-gaming",
        ProposalState.REJECTED,
        "Tom Willems",
        "Pixel Club",
        MailLanguage.EN,
    ),
]


def load(stdout=None) -> Call:
    edition = upcoming_edition()
    now = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    first_day = dt.datetime.combine(edition.starts_on, dt.time(9), tzinfo=timezone.get_current_timezone())
    closes = max(
        min(first_day - dt.timedelta(days=30), now + dt.timedelta(days=45)), now + dt.timedelta(days=7)
    )
    call, _ = Call.objects.get_or_create(
        edition=edition,
        defaults={
            "opens_at": now - dt.timedelta(days=14),
            "closes_at": closes,
            "slides_due_at": closes + dt.timedelta(days=14),
            **{f"text_{code}": text for code, text in CALL_TEXT.items()},
        },
    )
    for position, (fr, nl, en) in enumerate(CRITERIA):
        Criterion.objects.get_or_create(
            call=call, name_fr=fr, defaults={"name_nl": nl, "name_en": en, "position": position}
        )
    for decision, (subjects, bodies) in TEMPLATES.items():
        fields = {f"subject_{c}": s for c, s in zip(("fr", "nl", "en"), subjects, strict=True)}
        fields |= {f"body_{c}": b for c, b in zip(("fr", "nl", "en"), bodies, strict=True)}
        DecisionTemplate.objects.get_or_create(decision=decision, defaults=fields)
    for title, fmt, language, theme, state, name, organisation, mail_language in PROPOSALS:
        proposal, created = Proposal.objects.get_or_create(
            call=call,
            title=title,
            defaults={
                "abstract": title,
                "format": fmt,
                "language": language,
                "theme": Theme.objects.filter(slug=theme).first(),
                "state": state,
                "contact_email": f"{name.split()[0].lower()}@example.org",
                "contact_language": mail_language,
            },
        )
        if created:
            proposal.available_days.set(edition.days.all())
            ProposalSpeaker.objects.create(proposal=proposal, name=name, organisation=organisation)
    if stdout:
        stdout.write(f"Call for proposals of {edition.slug}: {call.proposals.count()} proposals.")
    return call
