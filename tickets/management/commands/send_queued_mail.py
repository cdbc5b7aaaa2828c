import time

from django.core.management.base import BaseCommand

from tickets.mail import release_stuck_mail, send_queued_mail


class Command(BaseCommand):
    help = "Send the mail waiting in the outbox (run by cron, or with --loop as a small worker)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Keep running, sending due mail every --interval s."
        )
        parser.add_argument("--interval", type=int, default=30)

    def handle(self, *args, loop: bool = False, interval: int = 30, **options):
        while True:
            release_stuck_mail()
            sent, failed = send_queued_mail()
            self.stdout.write(f"sent {sent}, still queued after a failure {failed}")
            if not loop:
                return
            time.sleep(interval)
