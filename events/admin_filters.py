"""The back office's edition filter and column: every list of things that belong to an edition shows the
current edition unless another one (or all) is chosen, and says which edition each row belongs to, so nobody
edits a 2024 session believing it is this year's."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Edition

ALL = "all"


class EditionFilter(admin.SimpleListFilter):
    title = _("edition")
    parameter_name = "edition"
    path = "edition"  # from the listed model to its Edition

    def lookups(self, request: HttpRequest, model_admin) -> list[tuple[str, str]]:
        return [(edition.slug, edition.name) for edition in Edition.objects.order_by("-starts_on")]

    def value(self) -> str:
        chosen = super().value()
        if chosen:
            return chosen
        current = Edition.objects.current() or Edition.objects.order_by("-starts_on").first()
        return current.slug if current else ALL

    def choices(self, changelist):
        chosen = self.value()
        yield {
            "selected": chosen == ALL,
            "query_string": changelist.get_query_string({self.parameter_name: ALL}),
            "display": _("All editions"),
        }
        for slug, name in self.lookup_choices:
            yield {
                "selected": chosen == slug,
                "query_string": changelist.get_query_string({self.parameter_name: slug}),
                "display": name,
            }

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        chosen = self.value()
        return queryset if chosen == ALL else queryset.filter(**{f"{self.path}__slug": chosen})


def edition_filter(path: str) -> type[EditionFilter]:
    """The filter for a model whose edition is at `path` ("edition", "day__edition", …)."""
    return type(f"EditionFilter_{path}", (EditionFilter,), {"path": path})


def edition_column(path: str):
    """A list column naming the row's edition (add `path` to the admin's list_select_related)."""

    @admin.display(description=_("edition"), ordering=f"{path}__starts_on")
    def edition(obj) -> str:
        for part in path.split("__"):
            obj = getattr(obj, part)
        return str(obj)

    return edition
