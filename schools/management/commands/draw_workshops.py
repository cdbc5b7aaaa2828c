from django.core.management.base import BaseCommand, CommandError

from core.errors import DomainError
from events.models import Edition
from schools.services import run_draw


class Command(BaseCommand):
    help = (
        "Run the draw for over-subscribed workshop slots of a draw edition (after its booking deadline), "
        "reproducibly from the recorded seed, and mail every teacher the outcome."
    )

    def add_arguments(self, parser):
        parser.add_argument("--edition", help="Edition slug (default: the current edition).")
        parser.add_argument("--seed", help="Seed to use (default: the recorded one, else a new random one).")
        parser.add_argument(
            "--force", action="store_true", help="Run before the deadline, or again (only to replay a seed)."
        )

    def handle(self, *args, edition=None, seed=None, force=False, **options):
        found = Edition.objects.filter(slug=edition).first() if edition else Edition.objects.current()
        if found is None:
            raise CommandError("No such edition.")
        try:
            result = run_draw(edition=found, seed=seed, force=force)
        except DomainError as error:
            raise CommandError(f"{error.code}: {error.message}") from error
        self.stdout.write(
            f"Draw for {found.slug}: seed {result.seed}; {len(result.granted)} places given, "
            f"{len(result.waiting)} classes on waiting lists."
        )
