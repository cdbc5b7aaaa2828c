from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline

from events.admin_filters import edition_column, edition_filter
from events.enums import SpaceKind
from events.models import Space

from . import services
from .csv_import import import_exhibitors
from .exceptions import LogoRefused, NoContactEmail, StandClash
from .forms import ImportForm, https_urls
from .logos import ACCEPT_ATTRIBUTE, process_logo
from .models import LINK_FIELDS, Activity, Category, Exhibitor, PlanMarker, SetupPeriod, StaffMember, Stand

NOTHING_SAVED = _("Nothing was saved. Correct the refused lines and import the whole file again.")


@admin.register(Category)
class CategoryAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name_fr"]}


class ActivityInline(TranslationStackedInline):
    model = Activity
    extra = 0
    autocomplete_fields = ["session"]


class StaffInline(admin.TabularInline):
    model = StaffMember
    extra = 0
    fields = ["name", "email", "language", "ticket"]
    readonly_fields = ["name", "email", "language", "ticket"]
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # badges are issued through the portal or the "register staff" service


class ExhibitorAdminForm(forms.ModelForm):
    logo_upload = forms.FileField(
        label=_("New logo"),
        required=False,
        help_text=_("PNG, JPEG, WebP or GIF, at most 2 MB; it is checked, re-encoded and resized."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT_ATTRIBUTE}),
    )

    class Meta:
        model = Exhibitor
        formfield_callback = https_urls
        fields = [  # the back office edits the contact too; the admin's fieldsets add the translations
            "edition",
            "name",
            "slug",
            "categories",
            "is_published",
            "description",
            *LINK_FIELDS,
            "contact_name",
            "contact_email",
            "contact_phone",
            "contact_language",
            "staff_limit",
        ]

    def clean_logo_upload(self):
        upload = self.cleaned_data.get("logo_upload")
        if upload:
            try:
                process_logo(upload)
            except LogoRefused as error:
                raise ValidationError(error.message, code=error.code) from None
        return upload


class HasStandFilter(admin.SimpleListFilter):
    title = _("stand")
    parameter_name = "has_stand"

    def lookups(self, request, model_admin):
        return [("yes", _("With a stand")), ("no", _("Without a stand"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(stand__isnull=False)
        if self.value() == "no":
            return queryset.filter(stand__isnull=True)
        return queryset


@admin.register(Exhibitor)
class ExhibitorAdmin(TabbedTranslationAdmin):
    form = ExhibitorAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    change_list_template = "admin/exhibitors/exhibitor/change_list.html"
    list_display = ["name", "edition", "stand_code", "contact_name", "contact_email", "is_published"]
    list_filter = [edition_filter("edition"), HasStandFilter, "stand__hall", "categories", "is_published"]
    search_fields = ["name", "slug", "description", "contact_name", "contact_email"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["categories"]
    list_select_related = ["edition", "stand"]
    readonly_fields = ["logo_preview", "created_at", "updated_at"]
    inlines = [ActivityInline, StaffInline]
    actions = ["send_portal_links"]
    fieldsets = [
        (None, {"fields": ["edition", "name", "slug", "categories", "is_published", "description"]}),
        (_("Logo"), {"fields": ["logo_preview", "logo_upload"]}),
        (
            _("Links"),
            {"fields": list(LINK_FIELDS)},
        ),
        (
            _("Contact for the organizers only"),
            {"fields": ["contact_name", "contact_email", "contact_phone", "contact_language", "staff_limit"]},
        ),
        (_("History"), {"fields": ["created_at", "updated_at"]}),
    ]

    @admin.display(description=_("stand"), ordering="stand__code")
    def stand_code(self, obj: Exhibitor) -> str:
        stand = getattr(obj, "stand", None)
        return stand.code if stand else "–"

    @admin.display(description=_("current logo"))
    def logo_preview(self, obj: Exhibitor) -> str:
        if not obj.pk or not obj.logo_digest:
            return "–"
        url = reverse("exhibitors:logo", kwargs={"slug": obj.slug, "digest": obj.logo_digest})
        return format_html('<img src="{}" alt="" width="96" height="96" style="object-fit:contain">', url)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        upload = form.cleaned_data.get("logo_upload")
        if upload:
            services.set_logo(exhibitor=obj, upload=upload)

    @admin.action(description=_("Send a new portal link to the contact"))
    def send_portal_links(self, request, queryset):
        for exhibitor in queryset.select_related("edition"):
            try:
                link = services.send_portal_link(exhibitor=exhibitor)
            except NoContactEmail as error:
                self.message_user(request, f"{exhibitor}: {error.message}", messages.WARNING)
                continue
            self.message_user(
                request,
                gettext("{exhibitor}: new link sent to {email}: {link}").format(
                    exhibitor=exhibitor, email=exhibitor.contact_email, link=link
                ),
                messages.SUCCESS,
            )

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="exhibitors_exhibitor_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        report = None
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                report = import_exhibitors(
                    edition=form.cleaned_data["edition"], data=form.cleaned_data["file"].read()
                )
                self.message_user(
                    request,
                    ngettext(
                        "{created} created, {updated} updated, {refused} row refused.",
                        "{created} created, {updated} updated, {refused} rows refused.",
                        len(report.refused),
                    ).format(
                        created=len(report.created), updated=len(report.updated), refused=len(report.refused)
                    ),
                    messages.WARNING if report.refused or report.errors else messages.SUCCESS,
                )
                if not report.saved:
                    self.message_user(request, NOTHING_SAVED, messages.ERROR)
        else:
            form = ImportForm()
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Import exhibitors from a CSV file"),
            "form": form,
            "report": report,
            "opts": self.model._meta,
        }
        return render(request, "exhibitors/admin_import.html", context)


class StandAdminForm(forms.ModelForm):
    class Meta:
        model = Stand
        fields = [
            "edition",
            "hall",
            "code",
            "exhibitor",
            "x",
            "y",
            "width",
            "height",
            "power",
            "step_free",
            "turning_space",
            "low_counter",
            "accessibility_notes",
        ]

    def clean_exhibitor(self):
        exhibitor = self.cleaned_data.get("exhibitor")
        if exhibitor is not None:
            other = Stand.objects.filter(exhibitor=exhibitor).exclude(pk=self.instance.pk).first()
            if other is not None:
                raise ValidationError(
                    gettext("{exhibitor} already has stand {code}. Free stand {code} first.").format(
                        exhibitor=exhibitor, code=other.code
                    ),
                    code="exhibitor_has_stand",
                )
        return exhibitor

    def validate_unique(self):
        # The exhibitor's uniqueness is checked above, with a message that names the other stand.
        exclude = self._get_validation_exclusions()
        exclude.add("exhibitor")
        try:
            self.instance.validate_unique(exclude=exclude)
        except ValidationError as error:
            self._update_errors(error)


@admin.register(Stand)
class StandAdmin(TabbedTranslationAdmin):
    form = StandAdminForm
    list_display = ["code", "edition", "hall", "exhibitor", "x", "y", "width", "height", "power", "step_free"]
    list_filter = [
        edition_filter("edition"),
        "hall",
        "power",
        "step_free",
        "low_counter",
        ("exhibitor", admin.EmptyFieldListFilter),
    ]
    search_fields = ["code", "exhibitor__name"]
    list_select_related = ["hall", "exhibitor"]
    autocomplete_fields = ["exhibitor"]
    ordering = ["edition", "hall__position", "code"]
    fieldsets = [
        (None, {"fields": ["edition", "hall", "code", "exhibitor"]}),
        (_("Position and size in the hall (metres)"), {"fields": [("x", "y"), ("width", "height")]}),
        (
            _("Power and accessibility"),
            {"fields": ["power", "step_free", "turning_space", "low_counter", "accessibility_notes"]},
        ),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "hall":
            kwargs["queryset"] = Space.objects.filter(kind=SpaceKind.HALL).select_related("edition")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        try:
            services.save_stand(stand=obj)
        except StandClash as error:  # lost a race with another organizer: the database said no
            self.message_user(request, error.message, messages.ERROR)


@admin.register(SetupPeriod)
class SetupPeriodAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "edition", "starts_at", "ends_at"]
    list_filter = [edition_filter("edition")]


@admin.register(PlanMarker)
class PlanMarkerAdmin(TabbedTranslationAdmin):
    list_display = ["__str__", "kind", "edition", "x", "y"]
    list_filter = [edition_filter("edition"), "kind"]


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ["name", edition_column("exhibitor__edition"), "exhibitor", "email", "ticket"]
    list_filter = [edition_filter("exhibitor__edition")]
    search_fields = ["name", "email", "exhibitor__name", "ticket__public_id"]
    list_select_related = ["exhibitor", "ticket", "exhibitor__edition"]
    readonly_fields = ["ticket"]
    autocomplete_fields = ["exhibitor"]

    def has_add_permission(self, request) -> bool:
        return False  # a badge comes with a ticket: issue it through the portal (register_staff)
