from django.urls import path

from . import feeds, views

app_name = "events"

urlpatterns = [
    path("", views.home, name="home"),
    path("editions/", views.edition_list, name="edition-list"),
    path("editions/<slug:slug>/", views.edition_detail, name="edition-detail"),
    path("accessibility/", views.page, {"template": "accessibility"}, name="accessibility"),
    path("help/", views.page, {"template": "help"}, name="help"),
    path("privacy/", views.page, {"template": "privacy"}, name="privacy"),
    path("editions/<slug:slug>/programme/", views.programme, name="edition-programme"),
    path("programme/", views.programme, name="programme"),
    path("programme/now/", views.now_next, name="now-next"),
    path("programme/changes/", views.changes, name="changes"),
    path("programme/sessions/<str:public_id>/", views.session_detail, name="session-detail"),
    path("programme/speakers/<slug:slug>/", views.speaker_detail, name="speaker-detail"),
    path("programme/agenda/", views.my_agenda, name="agenda"),
    path("programme/agenda/star/<str:public_id>/", views.agenda_toggle, name="agenda-toggle"),
    path("programme/agenda/feed/", views.agenda_feed, name="agenda-feed"),
    path("programme/agenda/feed/revoke/", views.agenda_feed_revoke, name="agenda-feed-revoke"),
    # The feeds again under the language prefix: /nl/programme.ics answers in Dutch.
    path("programme.ics", feeds.programme_ics, name="programme-ics"),
    path("programme/days/<str:date>.ics", feeds.day_ics, name="day-ics"),
    path("programme/themes/<slug:slug>.ics", feeds.theme_ics, name="theme-ics"),
    path("programme/sessions/<str:public_id>.ics", feeds.session_ics, name="session-ics"),
]
