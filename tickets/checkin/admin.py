from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from events.admin_filters import edition_column, edition_filter
from tickets.qr import qr_svg

from . import services
from .models import CheckIn, Gate, ScannerDevice


class ScannerDeviceInline(admin.TabularInline):
    model = ScannerDevice
    extra = 0
    fields = ["name", "paired_at", "last_seen_at", "revoked_at"]
    readonly_fields = ["paired_at", "last_seen_at", "revoked_at"]
    show_change_link = True


@admin.register(Gate)
class GateAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "edition",
        "kind",
        "admits_visitor",
        "admits_school_group",
        "admits_exhibitor_staff",
        "admits_walk_in",
    ]
    list_filter = [edition_filter("edition"), "kind"]
    search_fields = ["name"]
    inlines = [ScannerDeviceInline]


def pairing_qr(code: str) -> str:
    svg = qr_svg(code, title=str(_("Pairing code")))
    svg = svg.split("?>", 1)[-1] if svg.startswith("<?xml") else svg
    return svg.replace("<svg ", '<svg style="width:220px;height:220px" ', 1)


@admin.display(description=_("state"))
def device_state(device: ScannerDevice) -> str:
    if device.is_revoked:
        return _("Revoked")
    if device.is_paired:
        return _("Paired")
    if device.pairing_code_is_valid():
        return _("Waiting for pairing")
    return _("Pairing code expired")


@admin.register(ScannerDevice)
class ScannerDeviceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        edition_column("gate__edition"),
        "gate",
        device_state,
        "paired_at",
        "last_seen_at",
        "revoked_at",
    ]
    list_filter = [edition_filter("gate__edition"), "gate", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "gate__name"]
    list_select_related = ["gate", "gate__edition"]
    fields = [
        "gate",
        "name",
        "pairing",
        device_state,
        "paired_at",
        "last_seen_at",
        "revoked_at",
        "created_at",
    ]
    readonly_fields = ["pairing", device_state, "paired_at", "last_seen_at", "revoked_at", "created_at"]
    actions = ["new_pairing_code", "revoke"]

    @admin.display(description=_("pairing code"))
    def pairing(self, device: ScannerDevice) -> str:
        if device.pk is None:
            return _("A one-time pairing code is shown here once the device is saved.")
        if not device.pairing_code_is_valid():
            return _("No valid pairing code. Use the action “New pairing code” in the list of devices.")
        expires = timezone.localtime(device.pairing_expires_at)
        return format_html(
            '<p><strong style="font-size:2em;letter-spacing:.15em;font-family:monospace">{}</strong></p>'
            '<p>{}</p><div style="max-width:220px">{}</div>',
            device.pairing_code,
            _(
                "Open /scan/ on the device and type this code or scan this QR code. Valid once, until {time}."
            ).format(time=expires.strftime("%H:%M")),
            mark_safe(pairing_qr(device.pairing_code)),  # noqa: S308 - SVG we generate, the code is A-Z2-9
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            services.new_pairing_code_for(device=obj)

    @admin.action(description=_("New pairing code (the device must pair again)"))
    def new_pairing_code(self, request, queryset):
        count = 0
        for device in queryset.filter(revoked_at__isnull=True):
            services.new_pairing_code_for(device=device)
            count += 1
        self.message_user(
            request, _("New pairing codes: %(count)d. Open each device to see its code.") % {"count": count}
        )

    @admin.action(description=_("Revoke the selected devices"))
    def revoke(self, request, queryset):
        count = 0
        for device in queryset.filter(revoked_at__isnull=True):
            services.revoke_device(device=device)
            count += 1
        self.message_user(request, _("Revoked devices: %(count)d.") % {"count": count}, messages.WARNING)


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = [
        "scanned_at",
        edition_column("gate__edition"),
        "ticket",
        "direction",
        "result",
        "reason",
        "gate",
        "device",
        "headcount",
        "offline",
        "conflict",
        "undone_at",
    ]
    list_filter = [
        edition_filter("gate__edition"),
        "gate",
        "on_date",
        "direction",
        "result",
        "reason",
        "offline",
        "conflict",
    ]
    search_fields = ["ticket__public_id", "ticket__holder_name", "ticket__registration__name", "nonce"]
    list_select_related = ["ticket", "gate", "device", "gate__edition"]
    date_hierarchy = "scanned_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
