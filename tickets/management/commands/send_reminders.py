import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tickets.services import send_reminders


class Command(BaseCommand):
    help = "Queue the reminder mail for tomorrow's visitors (or --date). Safe to run twice: nobody gets two."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The visit day, YYYY-MM-DD (default: tomorrow in Brussels).")

    def handle(self, *args, date: str | None = None, **options):
        if date:
            try:
                day = dt.date.fromisoformat(date)
            except ValueError as error:
                raise CommandError("--date must look like 2026-03-20") from error
        else:
            day = timezone.localdate() + dt.timedelta(days=1)
        queued = send_reminders(date=day)
        self.stdout.write(f"reminders queued for {day.isoformat()}: {queued}")
