from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.errors import DomainError
from events.models import Edition
from schools.services import anonymize_bookings, purge_special_needs
from tickets import conf


class Command(BaseCommand):
    help = (
        "Erase the special needs of class bookings once their edition is over, and the teachers' names, "
        "emails and phone numbers once it ended more than TICKETS_ANONYMIZE_AFTER_DAYS ago (counts are "
        "kept). Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--edition", help="Only this edition (its slug).")
        parser.add_argument("--now", action="store_true", help="With --edition: do not wait for the delay.")

    def handle(self, *args, edition=None, now=False, **options):
        today = timezone.localdate()
        editions = Edition.objects.filter(ends_on__lt=today)
        if edition:
            editions = editions.filter(slug=edition)
            if not Edition.objects.filter(slug=edition).exists():
                raise CommandError(f"no edition {edition!r}")
        cutoff = (timezone.now() - conf.anonymize_after()).date()
        for item in editions:
            purged = purge_special_needs(edition=item)
            anonymized = 0
            if item.ends_on < cutoff or (edition and now):
                try:
                    anonymized = anonymize_bookings(edition=item)
                except DomainError as error:
                    raise CommandError(error.message) from error
            self.stdout.write(
                f"{item.slug}: {purged} special needs erased, {anonymized} bookings anonymized."
            )
