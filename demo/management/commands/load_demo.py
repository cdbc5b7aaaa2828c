from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from core.permissions import ORGANIZERS_GROUP, grant_organizer_permissions
from demo import checkin, events, exhibitors, schools, talks, tickets

DEMO_ORGANIZER = ("organizer", "printemps-demo")
# Each app's demo data, in the order they build on each other: the editions first, the rest on top.
LOADERS = (events.load, tickets.load, checkin.load, schools.load, exhibitors.load, talks.load)


class Command(BaseCommand):
    help = (
        "Load the demo editions (2024 and the coming spring) and a demo organizer account. Safe to run twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-account", action="store_true", help="Do not create the demo organizer account."
        )

    def handle(self, *args, no_account: bool = False, **options):
        with transaction.atomic():
            for load in LOADERS:
                load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo editions loaded."))
        if no_account:
            return
        if not settings.DEBUG:
            self.stdout.write("DEBUG is off: no demo account with a known password is created.")
            return
        self.create_organizer()

    def create_organizer(self) -> None:
        username, password = DEMO_ORGANIZER
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"is_staff": True, "email": "organizer@example.org"}
        )
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
        user.groups.add(grant_organizer_permissions())
        self.stdout.write(
            f"Organizer back office: /admin/  user: {username}  password: {password}"
            f"  (group {ORGANIZERS_GROUP})"
        )
