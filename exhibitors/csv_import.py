"""Import exhibitors from a CSV file: every row is checked on its own, with the model's own limits, and the
report says which rows were refused and why (in the organizer's language). All or nothing: the file is saved
in one transaction, and only when no row is refused; otherwise nothing is saved and the organizer corrects
the refused lines and imports the whole file again.

Columns (header row required, order free; only `name` is mandatory):
name, slug, categories (category slugs separated by ";"), description_fr, description_nl, description_en,
website, contact_name, contact_email, contact_phone, contact_language (fr/nl/en), stand (a stand code).
A row whose slug (or, without slug, whose name) matches an exhibitor of the edition updates it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django import forms
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from events.models import Edition

from .enums import StaffLanguage
from .exceptions import StandClash
from .models import Category, Exhibitor, Stand
from .services import allocate_stand

COLUMNS = [
    "name",
    "slug",
    "categories",
    "description_fr",
    "description_nl",
    "description_en",
    "website",
    "contact_name",
    "contact_email",
    "contact_phone",
    "contact_language",
    "stand",
]
MAX_ROWS = 1000


def _limit(name: str) -> int:
    """The column's length in the database, so a row is refused here rather than by the database."""
    return Exhibitor._meta.get_field(name).max_length


class RowForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=_limit("name"))
    slug = forms.SlugField(label=_("slug"), max_length=_limit("slug"), required=False)
    categories = forms.CharField(label=_("categories"), required=False)
    description_fr = forms.CharField(label=_("description (French)"), required=False)
    description_nl = forms.CharField(label=_("description (Dutch)"), required=False)
    description_en = forms.CharField(label=_("description (English)"), required=False)
    website = forms.URLField(
        label=_("website"), max_length=_limit("website"), required=False, assume_scheme="https"
    )
    contact_name = forms.CharField(label=_("contact name"), max_length=_limit("contact_name"), required=False)
    contact_email = forms.EmailField(
        label=_("contact email"), max_length=_limit("contact_email"), required=False
    )
    contact_phone = forms.CharField(
        label=_("contact phone"), max_length=_limit("contact_phone"), required=False
    )
    contact_language = forms.ChoiceField(label=_("contact language"), choices=StaffLanguage, required=False)
    stand = forms.CharField(label=_("stand"), max_length=10, required=False)


@dataclass
class RowResult:
    line: int
    name: str
    status: str  # "created", "updated", "refused", or "checked" (good, but the file was not saved)
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list[RowResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # problems with the whole file

    @property
    def saved(self) -> bool:
        """Whether the file's rows were saved: only when none was refused."""
        return not self.refused

    @property
    def created(self) -> list[RowResult]:
        return [row for row in self.rows if row.status == "created"]

    @property
    def updated(self) -> list[RowResult]:
        return [row for row in self.rows if row.status == "updated"]

    @property
    def refused(self) -> list[RowResult]:
        return [row for row in self.rows if row.status == "refused"]


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def import_exhibitors(*, edition: Edition, data: bytes | str) -> ImportReport:
    """Import the rows of a CSV file (comma or semicolon separated) into `edition`."""
    text = decode(data) if isinstance(data, bytes) else data
    report = ImportReport()
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    if "name" not in header:
        report.errors.append(
            gettext("The file has no “name” column. The first row must name the columns: {columns}.").format(
                columns=", ".join(COLUMNS)
            )
        )
        return report
    unknown = [name for name in header if name and name not in COLUMNS]
    if unknown:
        report.errors.append(
            gettext("Unknown columns, ignored: {columns}.").format(columns=", ".join(unknown))
        )
    reader.fieldnames = header
    categories = {category.slug: category for category in Category.objects.all()}
    with transaction.atomic():
        for index, raw in enumerate(reader):
            line = index + 2  # the header is line 1
            if index >= MAX_ROWS:
                report.errors.append(gettext("Only the first {count} rows were read.").format(count=MAX_ROWS))
                break
            values = {key: (value or "").strip() for key, value in raw.items() if key in COLUMNS}
            if not any(values.values()):
                continue
            report.rows.append(import_row(edition=edition, line=line, values=values, categories=categories))
        if not report.saved:
            transaction.set_rollback(True)
            for row in report.rows:
                if row.status != "refused":
                    row.status = "checked"
    return report


def import_row(*, edition: Edition, line: int, values: dict, categories: dict) -> RowResult:
    form = RowForm(data=values)
    result = RowResult(line=line, name=values.get("name", ""), status="refused")
    if not form.is_valid():
        for name, messages in form.errors.items():
            label = form.fields[name].label if name in form.fields else name
            result.errors.extend(f"{label}: {message}" for message in messages)
        return result
    data = form.cleaned_data
    slug = data["slug"] or slugify(data["name"])[:80]
    if not slug:
        result.errors.append(gettext("slug: give one, the name has no letters to make it from."))
        return result
    wanted = [item.strip() for item in data["categories"].replace(",", ";").split(";") if item.strip()]
    missing = [item for item in wanted if item not in categories]
    if missing:
        result.errors.append(
            gettext("categories: unknown {missing}; known: {known}.").format(
                missing=", ".join(missing), known=", ".join(sorted(categories))
            )
        )
    stand = None
    if data["stand"]:
        stand = Stand.objects.filter(edition=edition, code__iexact=data["stand"]).first()
        if stand is None:
            result.errors.append(
                gettext("stand: there is no stand {code} in this edition.").format(code=data["stand"])
            )
    if result.errors:
        return result
    try:
        with transaction.atomic():
            exhibitor = Exhibitor.objects.filter(edition=edition, slug=slug).first()
            result.status = "updated" if exhibitor else "created"
            exhibitor = exhibitor or Exhibitor(edition=edition, slug=slug)
            exhibitor.name = data["name"]
            for name in ("description_fr", "description_nl", "description_en", "website"):
                if data[name] or not exhibitor.pk:
                    setattr(exhibitor, name, data[name])
            for name in ("contact_name", "contact_email", "contact_phone", "contact_language"):
                if data[name]:
                    setattr(exhibitor, name, data[name])
            exhibitor.save()
            if wanted:
                exhibitor.categories.set([categories[item] for item in wanted])
            if stand is not None:
                allocate_stand(stand=stand, exhibitor=exhibitor)
    except StandClash as error:
        result.status = "refused"
        result.errors.append(gettext("stand: {message}").format(message=error.message))
    except DatabaseError:  # a rule only the database knows; its savepoint is rolled back, the file goes on
        result.status = "refused"
        result.errors.append(gettext("The database refused this row. Check its values."))
    return result
