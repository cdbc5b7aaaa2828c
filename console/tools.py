"""The staff tools the console links to, each named for what it does and shown only to who may use it."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Tool:
    url_name: str
    title: Promise
    purpose: Promise
    permission: str | None = None

    @property
    def url(self) -> str:
        return reverse(self.url_name)


TOOLS = (
    Tool(
        "console:registrations",
        _("Find a registration"),
        _("Search by name, e-mail, phone, postal code or ticket number; resend, cancel, move, print."),
        "tickets.view_registration",
    ),
    Tool(
        "console:capacity",
        _("Set each day's capacity"),
        _("Capacity beside the places registered, held and left; never below what is taken."),
        "events.view_day",
    ),
    Tool(
        "tickets:desk",
        _("Register a visitor at the desk"),
        _("Issue tickets for someone on the phone or at the reception desk, and print them."),
        "tickets.add_registration",
    ),
    Tool(
        "checkin:desk",
        _("Let people in at the check-in desk"),
        _("Find a visitor by name or ticket number, admit them, and register walk-ins on the fair day."),
        "checkin.use_desk",
    ),
    Tool(
        "checkin:scan",
        _("Scan tickets at a gate"),
        _("The gate scanner for phones and tablets; it keeps working when the network drops."),
    ),
    Tool(
        "checkin:dashboard",
        _("Follow arrivals live"),
        _("People inside, arrivals per gate and quarter hour, no-shows and the waiting list."),
        "checkin.view_dashboard",
    ),
    Tool(
        "checkin:rehearsal",
        _("Rehearse the gates"),
        _(
            "Open a rehearsal on any date, print rehearsal tickets that never count, "
            "and close it to delete them."
        ),
        "checkin.run_rehearsal",
    ),
    Tool(
        "schools:organizer-overview",
        _("Follow school bookings"),
        _("Classes and pupils per workshop and day, pending bookings and the lottery."),
        "schools.view_classbooking",
    ),
    Tool(
        "talks:review-list",
        _("Review talk proposals"),
        _("Score the proposals sent to the call, on the call's criteria, and comment."),
        "talks.review_proposal",
    ),
    Tool(
        "talks:organize",
        _("Decide on talk proposals"),
        _("Proposals by average score and spread; accept, reject or put on the reserve list."),
        "talks.decide_proposal",
    ),
    Tool(
        "talks:schedule",
        _("Schedule the talks"),
        _("Place confirmed talks on the day × space grid; clashes are refused with the reason."),
        "talks.schedule_proposal",
    ),
    Tool(
        "talks:slides-missing",
        _("Check the Pecha Kucha slides"),
        _("Which confirmed Pecha Kucha talks have sent their 20 slides, and which have not."),
        "talks.schedule_proposal",
    ),
    Tool(
        "talks:stage-list",
        _("Play the Pecha Kucha on stage"),
        _("The stage laptop's player: every deck cached beforehand, 20 seconds a slide, works offline."),
        "talks.run_stage",
    ),
    Tool(
        "console:exports",
        _("Download spreadsheets"),
        _("Registrations, waiting list, school bookings, exhibitors and check-ins, as CSV or XLSX, per day."),
        "console.export_personal_data",
    ),
    Tool(
        "console:messages",
        _("Write to registrants"),
        _("One message in French, Dutch and English to a day's visitors, the schools or the exhibitors."),
        "console.send_message",
    ),
    Tool(
        "console:report",
        _("Report on the edition"),
        _(
            "After the fair: registrations, arrivals, communes, channels, no-shows, schools and exhibitors; "
            "as a PDF to hand on."
        ),
        "checkin.view_dashboard",
    ),
    Tool(
        "admin:index",
        _("Edit raw data in the back office"),
        _("Every table of the site, for corrections the console does not offer."),
    ),
)


def tools_for(user) -> list[Tool]:
    return [tool for tool in TOOLS if tool.permission is None or user.has_perm(tool.permission)]
