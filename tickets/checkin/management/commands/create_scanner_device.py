from django.core.management.base import BaseCommand, CommandError

from events.models import Edition
from tickets.checkin.models import Gate
from tickets.checkin.services import create_device


class Command(BaseCommand):
    help = (
        "Authorize a scanner device at a gate of the current edition and print its token (shown once). "
        'Example: manage.py create_scanner_device --gate "Main entrance" "Phone 1"'
    )

    def add_arguments(self, parser):
        parser.add_argument("device_name")
        parser.add_argument("--gate", required=True, help="The gate's name, as in the back office.")
        parser.add_argument("--edition", help="The edition's slug (default: the current edition).")

    def handle(self, *args, device_name: str, gate: str, edition: str | None = None, **options):
        target = Edition.objects.filter(slug=edition).first() if edition else Edition.objects.current()
        if target is None:
            raise CommandError("No such edition.")
        wanted = gate.strip()
        found = Gate.objects.filter(edition=target, name__iexact=wanted).first()
        if found is None and wanted:
            # Bilingual names ("Entrée principale – Hoofdingang"): one part is enough if unambiguous.
            candidates = list(Gate.objects.filter(edition=target, name__icontains=wanted)[:2])
            found = candidates[0] if len(candidates) == 1 else None
        if found is None:
            names = ", ".join(Gate.objects.filter(edition=target).values_list("name", flat=True)) or "none"
            raise CommandError(f"No gate named {gate!r} in {target}. Gates: {names}.")
        if not device_name.strip():
            raise CommandError("Give the device a name.")
        device, token = create_device(gate=found, name=device_name, with_token=True)
        self.stderr.write(
            f"Device {device.name!r} (id {device.pk}) at {found.name} — {target}. Token, shown once:"
        )
        self.stdout.write(token)
