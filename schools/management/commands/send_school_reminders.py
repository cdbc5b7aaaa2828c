from django.core.management.base import BaseCommand

from schools.services import send_reminders


class Command(BaseCommand):
    help = "Mail each confirmed class a reminder a few days before its visit (a setting). Safe to run twice."

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"{sent} school reminders queued.")
