from django.core.management.base import BaseCommand

from schools.services import expire_holds


class Command(BaseCommand):
    help = (
        "Release the places of class bookings not confirmed in time and of waiting-list offers left "
        "unanswered, then offer them to the next classes. Run it every few minutes (cron)."
    )

    def handle(self, *args, **options):
        bookings, offers = expire_holds()
        self.stdout.write(f"{bookings} bookings and {offers} offers expired.")
