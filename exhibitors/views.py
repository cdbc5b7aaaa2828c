from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import push_url

from core.caching import EDITION, EXHIBITORS, cache_public_page
from events.enums import SpaceKind
from events.models import Edition, Space

from . import documents, services
from .exceptions import LogoRefused, NoContactEmail, StaffLimitReached
from .forms import ActivityForm, DirectoryFilterForm, LogoForm, ProfileForm, StaffForm, StandFinderForm
from .models import Activity, Category, Exhibitor, ExhibitorLogo, SetupPeriod, StaffMember, Stand
from .plan import build_plan


def current_edition() -> Edition | None:
    return Edition.objects.current()


# Public pages -------------------------------------------------------------------------------------------


@require_GET
@vary_on_headers("HX-Request")
@cache_public_page(areas=(EDITION, EXHIBITORS))
def directory(request: HttpRequest) -> HttpResponse:
    edition = current_edition()
    categories = list(Category.objects.all())
    halls = list(Space.objects.filter(edition=edition, kind=SpaceKind.HALL)) if edition else []
    form = DirectoryFilterForm(request.GET or None, edition=edition, categories=categories, halls=halls)
    filters = form.values() if request.GET else {"q": "", "category": "", "hall": ""}
    exhibitors: list[Exhibitor] = []
    plan = None
    if edition is not None:
        exhibitors = list(
            Exhibitor.objects.filter(edition=edition)
            .published()
            .for_directory()
            .search(filters["q"])
            .in_category(filters["category"])
            .in_hall(filters["hall"])
            .order_by("name")
        )
        filtered = any(filters.values())
        matches = {e.stand.pk for e in exhibitors if has_stand(e)} if filtered else None
        plan = build_plan(edition=edition, matches=matches)
    context = {
        "edition": edition,
        "form": form,
        "filters": filters,
        "exhibitors": exhibitors,
        "plan": plan,
        "category_names": {c.slug: c.name for c in categories},
        "hall_names": {h.slug: h.name for h in halls},
    }
    if not request.htmx:
        return render(request, "exhibitors/directory.html", context)
    response = render(request, "exhibitors/directory.html#results", context)
    # The address bar keeps only the filters in use: /exhibitors/?category=e-gaming, not "&q=&hall=".
    query = urlencode({key: value for key, value in filters.items() if value})
    return push_url(response, f"{request.path}?{query}" if query else request.path)


def has_stand(exhibitor: Exhibitor) -> bool:
    try:
        return exhibitor.stand is not None
    except Stand.DoesNotExist:
        return False


@require_GET
def exhibitor_detail(request: HttpRequest, slug: str) -> HttpResponse:
    edition = current_edition()
    exhibitors = (
        Exhibitor.objects.published()
        .select_related("edition")
        .prefetch_related(
            "categories",
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related("session__space").order_by("position", "pk"),
            ),
        )
    )
    exhibitor = exhibitors.filter(edition=edition, slug=slug).first() if edition else None
    if exhibitor is None:  # an exhibitor of an earlier edition keeps its page
        exhibitor = exhibitors.filter(slug=slug).order_by("-edition__starts_on").first()
    if exhibitor is None:
        raise Http404
    stand = Stand.objects.filter(exhibitor=exhibitor).select_related("hall").first()
    plan = build_plan(edition=exhibitor.edition, hall=stand.hall, chosen=stand) if stand else None
    return render(
        request,
        "exhibitors/exhibitor_detail.html",
        {
            "exhibitor": exhibitor,
            "stand": stand,
            "plan": plan,
            "activities": list(exhibitor.activities.all()),
        },
    )


@require_GET
def floor_plan(request: HttpRequest) -> HttpResponse:
    edition = current_edition()
    if edition is None:
        raise Http404
    halls = list(Space.objects.filter(edition=edition, kind=SpaceKind.HALL))
    hall = next((h for h in halls if h.slug == request.GET.get("hall")), None)
    finder = StandFinderForm(request.GET if "stand" in request.GET else None, edition=edition)
    chosen = finder.chosen()
    if chosen is not None and hall is None:
        hall = chosen.hall
    plan = build_plan(edition=edition, hall=hall, chosen=chosen)
    return render(
        request,
        "exhibitors/plan.html",
        {"edition": edition, "plan": plan, "halls": halls, "hall": hall, "chosen": chosen, "finder": finder},
    )


@require_GET
def logo(request: HttpRequest, slug: str, digest: str) -> HttpResponse:
    item = (
        ExhibitorLogo.objects.filter(exhibitor__slug=slug, digest=digest)
        .only("image", "content_type", "digest")
        .first()
    )
    if item is None:
        raise Http404
    response = HttpResponse(bytes(item.image), content_type=item.content_type)
    # The digest is in the address: a new logo gets a new address, so this one never changes.
    patch_cache_control(response, public=True, max_age=31536000, immutable=True)
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


# The exhibitor portal ----------------------------------------------------------------------------------


def portal_view(view):
    """Find the exhibitor from the secret link (or 404); portal pages are private and never indexed."""

    @wraps(view)
    def wrapper(request: HttpRequest, token: str, *args, **kwargs) -> HttpResponse:
        exhibitor = services.exhibitor_for_token(token)
        if exhibitor is None:
            response = render(request, "exhibitors/portal_unknown.html", status=404)
        else:
            response = view(request, exhibitor, token, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
        # "same-origin" (the site's policy) keeps the secret link out of other sites' logs; "no-referrer"
        # would make browsers send "Origin: null" with the portal's forms, which CSRF protection refuses.
        response["Referrer-Policy"] = "same-origin"
        return response

    return wrapper


def portal_url(token: str, anchor: str = "") -> str:
    url = reverse("exhibitors:portal", kwargs={"token": token})
    return f"{url}#{anchor}" if anchor else url


def render_portal(request: HttpRequest, exhibitor: Exhibitor, token: str, **forms) -> HttpResponse:
    edition = exhibitor.edition
    stand = Stand.objects.filter(exhibitor=exhibitor).select_related("hall").first()
    staff = list(StaffMember.objects.filter(exhibitor=exhibitor).select_related("ticket"))
    context = {
        "exhibitor": exhibitor,
        "token": token,
        "edition": edition,
        "stand": stand,
        "activities": list(exhibitor.activities.all()),
        "staff": staff,
        "staff_left": max(exhibitor.staff_limit - len(staff), 0),
        "setup_periods": list(SetupPeriod.objects.filter(edition=edition)),
        "days": list(edition.days.all()),
        "profile_form": forms.get("profile_form") or ProfileForm(instance=exhibitor, prefix="profile"),
        "logo_form": forms.get("logo_form") or LogoForm(prefix="logo"),
        "activity_form": forms.get("activity_form") or ActivityForm(prefix="activity"),
        "staff_form": forms.get("staff_form")
        or StaffForm(prefix="staff", initial={"language": get_language()[:2]}),
    }
    return render(request, "exhibitors/portal.html", context)


@require_GET
@portal_view
def portal(request: HttpRequest, exhibitor: Exhibitor, token: str) -> HttpResponse:
    return render_portal(request, exhibitor, token)


@require_POST
@portal_view
def portal_profile(request: HttpRequest, exhibitor: Exhibitor, token: str) -> HttpResponse:
    form = ProfileForm(request.POST, instance=Exhibitor.objects.get(pk=exhibitor.pk), prefix="profile")
    if not form.is_valid():
        return render_portal(request, exhibitor, token, profile_form=form)
    services.update_profile(
        exhibitor=exhibitor, **{name: form.cleaned_data[name] for name in ProfileForm.Meta.fields}
    )
    messages.success(request, gettext("Your texts and links are saved."))
    return redirect(portal_url(token, "profile"))


@require_POST
@portal_view
def portal_logo(request: HttpRequest, exhibitor: Exhibitor, token: str) -> HttpResponse:
    form = LogoForm(request.POST, request.FILES, prefix="logo")
    if form.is_valid():
        try:
            services.set_logo(exhibitor=exhibitor, upload=form.cleaned_data["logo"])
        except LogoRefused as error:
            form.add_error("logo", error.message)
    if not form.is_valid():
        return render_portal(request, exhibitor, token, logo_form=form)
    messages.success(request, gettext("Your logo is saved."))
    return redirect(portal_url(token, "logo"))


@require_POST
@portal_view
def portal_logo_remove(request: HttpRequest, exhibitor: Exhibitor, token: str) -> HttpResponse:
    services.remove_logo(exhibitor=exhibitor)
    messages.success(request, gettext("Your logo is removed."))
    return redirect(portal_url(token, "logo"))


@require_POST
@portal_view
def portal_activity_add(request: HttpRequest, exhibitor: Exhibitor, token: str) -> HttpResponse:
    form = ActivityForm(request.POST, prefix="activity")
    if not form.is_valid():
        return render_portal(request, exhibitor, token, activity_form=form)
    services.save_activity(exhibitor=exhibitor, **form.cleaned_data)
    messages.success(request, gettext("The activity is added."))
    return redirect(portal_url(token, "activities"))


@portal_view
def portal_activity_edit(request: HttpRequest, exhibitor: Exhibitor, token: str, activity_id: int):
    activity = get_object_or_404(Activity, pk=activity_id, exhibitor=exhibitor)
    if request.method == "POST":
        form = ActivityForm(request.POST, instance=activity, prefix="activity")
        if form.is_valid():
            services.save_activity(exhibitor=exhibitor, activity=activity, **form.cleaned_data)
            messages.success(request, gettext("The activity is saved."))
            return redirect(portal_url(token, "activities"))
    else:
        form = ActivityForm(instance=activity, prefix="activity")
    return render(
        request,
        "exhibitors/portal_activity.html",
        {"exhibitor": exhibitor, "token": token, "activity": activity, "form": form},
    )


@require_POST
@portal_view
def portal_activity_delete(request: HttpRequest, exhibitor: Exhibitor, token: str, activity_id: int):
    activity = get_object_or_404(Activity, pk=activity_id, exhibitor=exhibitor)
    services.delete_activity(exhibitor=exhibitor, activity=activity)
    messages.success(request, gettext("The activity “{title}” is removed.").format(title=activity.title))
    return redirect(portal_url(token, "activities"))


@require_POST
@portal_view
def portal_staff_add(request: HttpRequest, exhibitor: Exhibitor, token: str) -> HttpResponse:
    form = StaffForm(request.POST, prefix="staff")
    if form.is_valid():
        try:
            staff = services.register_staff(exhibitor=exhibitor, **form.cleaned_data)
        except StaffLimitReached as error:
            form.add_error(None, error.message)
    if not form.is_valid():
        return render_portal(request, exhibitor, token, staff_form=form)
    if staff.email:
        text = gettext("{name} is registered. The badge is on its way to {email}.")
    else:
        text = gettext("{name} is registered. Download the badge below and print it.")
    messages.success(request, text.format(name=staff.name, email=staff.email))
    return redirect(portal_url(token, "staff"))


def staff_of(exhibitor: Exhibitor, ticket_id: str) -> StaffMember:
    return get_object_or_404(
        StaffMember.objects.select_related("ticket", "ticket__edition", "exhibitor__edition"),
        exhibitor=exhibitor,
        ticket__public_id=ticket_id,
    )


@require_GET
@portal_view
def portal_badge(request: HttpRequest, exhibitor: Exhibitor, token: str, ticket_id: str) -> HttpResponse:
    staff = staff_of(exhibitor, ticket_id)
    pdf = documents.badge_pdf(staff=staff)  # in the badge language chosen for this person, not the page's
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{documents.badge_filename(staff)}"'
    return response


@require_POST
@portal_view
def portal_staff_remove(request: HttpRequest, exhibitor: Exhibitor, token: str, ticket_id: str):
    staff = staff_of(exhibitor, ticket_id)
    services.remove_staff(staff=staff)
    messages.success(
        request, gettext("{name} is removed; the badge no longer opens the doors.").format(name=staff.name)
    )
    return redirect(portal_url(token, "staff"))


@require_POST
@portal_view
def portal_new_link(request: HttpRequest, exhibitor: Exhibitor, token: str) -> HttpResponse:
    try:
        services.send_portal_link(exhibitor=exhibitor)
    except NoContactEmail:
        new_token = services.regenerate_portal_token(exhibitor=exhibitor)
        messages.success(
            request,
            gettext("This is your new link: bookmark it. The old link no longer works."),
        )
        return HttpResponseRedirect(portal_url(new_token))
    return render(request, "exhibitors/portal_link_sent.html", {"exhibitor": exhibitor})
