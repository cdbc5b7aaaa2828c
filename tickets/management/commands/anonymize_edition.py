from django.core.management.base import BaseCommand, CommandError

from events.models import Edition
from tickets import conf, privacy


class Command(BaseCommand):
    help = (
        "Erase names, emails, phone numbers and free text of editions that ended more than "
        "TICKETS_ANONYMIZE_AFTER_DAYS ago, keeping the counts; delete accessibility needs of every edition "
        "that is over. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--edition", help="Only this edition (its slug).")
        parser.add_argument(
            "--now", action="store_true", help="With --edition: anonymize even before the delay is over."
        )
        parser.add_argument("--dry-run", action="store_true", help="Only say what would be erased.")

    def handle(self, *args, edition: str | None = None, now: bool = False, dry_run: bool = False, **options):
        over = privacy.editions_over()
        due = privacy.editions_due()
        if edition:
            try:
                chosen = Edition.objects.get(slug=edition)
            except Edition.DoesNotExist as error:
                raise CommandError(f"no edition {edition!r}") from error
            if now:
                if not chosen.is_past:
                    raise CommandError(f"{chosen} is not over yet")
                due = [chosen]
            else:
                due = [e for e in due if e.pk == chosen.pk]
            over = [e for e in over if e.pk == chosen.pk]
        for item in over:
            if dry_run:
                self.stdout.write(f"{item.slug}: would delete accessibility needs")
            else:
                count = privacy.purge_accessibility_needs(edition=item)
                self.stdout.write(f"{item.slug}: accessibility needs deleted {count}")
        if not due:
            days = conf.anonymize_after().days
            self.stdout.write(f"nothing to anonymize (editions are anonymized {days} days after they end)")
        for item in due:
            if dry_run:
                self.stdout.write(f"{item.slug}: would anonymize {item.registrations.count()} registrations")
                continue
            counts = privacy.anonymize_edition(edition=item)
            summary = ", ".join(f"{key} {value}" for key, value in counts.items())
            self.stdout.write(f"{item.slug}: anonymized {summary}")
