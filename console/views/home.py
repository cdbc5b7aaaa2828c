"""The event's home: where an organizer starts, with a link to every staff tool they may use."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..access import staff_required
from ..tools import tools_for


@staff_required()
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "console/home.html", {"tools": tools_for(request.user)})
