from django.urls import path

from .views import public

app_name = "talks"

urlpatterns = [
    path("talks/call/", public.call_page, name="call"),
    path("talks/call/submit/", public.submit, name="submit"),
    path("talks/proposal/<str:token>/", public.proposal, name="proposal"),
    path("talks/proposal/<str:token>/edit/", public.proposal_edit, name="proposal-edit"),
    path("talks/proposal/<str:token>/withdraw/", public.proposal_withdraw, name="proposal-withdraw"),
]
