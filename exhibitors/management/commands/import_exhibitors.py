from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from events.models import Edition
from exhibitors.csv_import import COLUMNS, import_exhibitors


class Command(BaseCommand):
    help = f"Import exhibitors from a CSV file into an edition. Columns: {', '.join(COLUMNS)}."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--edition", help="Edition slug (default: the current edition).")

    def handle(self, *args, file: Path, edition: str | None = None, **options):
        target = Edition.objects.filter(slug=edition).first() if edition else Edition.objects.current()
        if target is None:
            raise CommandError(f"No edition {edition!r}." if edition else "No edition yet.")
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        report = import_exhibitors(edition=target, data=data)
        for error in report.errors:
            self.stderr.write(error)
        for row in report.rows:
            line = f"line {row.line}: {row.name or '?'}: {row.status}"
            if row.errors:
                self.stdout.write(self.style.WARNING(f"{line} – {'; '.join(row.errors)}"))
            else:
                self.stdout.write(line)
        self.stdout.write(
            f"{len(report.created)} created, {len(report.updated)} updated, {len(report.refused)} refused "
            f"(edition {target.slug})."
        )
        if report.refused:
            raise CommandError("Some rows were refused: see above. Nothing was saved.")
        if report.errors and not report.rows:
            raise CommandError("The file was refused: see above.")
