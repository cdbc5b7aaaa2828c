from django.core.management.base import BaseCommand

from tickets.services import process_waiting_list


class Command(BaseCommand):
    help = (
        "Expire waiting-list offers past their time and offer freed places to the next in line. "
        "Cron-safe: two runs at once never offer the same places twice."
    )

    def handle(self, *args, **options):
        expired, made = process_waiting_list()
        self.stdout.write(f"offers expired {expired}, offers made {made}")
