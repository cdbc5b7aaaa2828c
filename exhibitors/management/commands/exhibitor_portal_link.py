from django.core.management.base import BaseCommand, CommandError

from events.models import Edition
from exhibitors.enums import StaffLanguage
from exhibitors.models import Exhibitor
from exhibitors.services import portal_url, regenerate_portal_token


class Command(BaseCommand):
    help = "Make a new secret portal link for an exhibitor and print it (the previous link stops working)."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--edition", help="Edition slug (default: the current edition).")
        parser.add_argument("--language", default="fr", choices=StaffLanguage.values)

    def handle(self, *args, slug: str, edition: str | None = None, language: str = "fr", **options):
        target = Edition.objects.filter(slug=edition).first() if edition else Edition.objects.current()
        exhibitor = Exhibitor.objects.filter(edition=target, slug=slug).first()
        if exhibitor is None:
            raise CommandError(f"No exhibitor {slug!r} in edition {target}.")
        token = regenerate_portal_token(exhibitor=exhibitor)
        self.stdout.write(portal_url(token=token, language=language))
