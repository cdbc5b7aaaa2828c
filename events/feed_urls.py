"""Feeds without a language prefix (calendar apps and offline schedule apps subscribe to these).

The language is ?lang=fr|nl|en, else the browser's Accept-Language."""

from django.urls import path

from . import feeds

app_name = "feeds"

urlpatterns = [
    path("programme.ics", feeds.programme_ics, name="programme"),
    path("programme/days/<str:date>.ics", feeds.day_ics, name="day"),
    path("programme/themes/<slug:slug>.ics", feeds.theme_ics, name="theme"),
    path("programme/sessions/<str:public_id>.ics", feeds.session_ics, name="session"),
    path("agenda/<str:key>.ics", feeds.agenda_ics, name="agenda"),
    path("schedule.xml", feeds.schedule_xml, name="schedule-xml"),
    path("schedule.json", feeds.schedule_json, name="schedule-json"),
]
