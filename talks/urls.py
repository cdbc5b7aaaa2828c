from django.urls import path

from .views import public, schedule, slides, staff, stage

app_name = "talks"

urlpatterns = [
    path("talks/call/", public.call_page, name="call"),
    path("talks/call/submit/", public.submit, name="submit"),
    path("talks/proposal/<str:token>/", public.proposal, name="proposal"),
    path("talks/proposal/<str:token>/edit/", public.proposal_edit, name="proposal-edit"),
    path("talks/proposal/<str:token>/withdraw/", public.proposal_withdraw, name="proposal-withdraw"),
]

urlpatterns += [
    path("talks/review/", staff.review_list, name="review-list"),
    path("talks/review/<str:public_id>/", staff.review, name="review"),
    path("talks/organize/", staff.organize, name="organize"),
    path("talks/organize/<str:public_id>/decide/", staff.decide, name="decide"),
]

urlpatterns += [
    path("talks/schedule/", schedule.schedule, name="schedule"),
    path("talks/schedule/<str:public_id>/", schedule.place, name="place"),
    path("talks/proposal/<str:token>/answer/", public.proposal_answer, name="proposal-answer"),
    path("talks/proposal/<str:token>/profile/", public.proposal_profile, name="proposal-profile"),
]

urlpatterns += [
    path("talks/proposal/<str:token>/slides/", slides.upload, name="slides-upload"),
    path("talks/proposal/<str:token>/slides/<int:position>.webp", slides.slide_image, name="slide"),
    path("talks/proposal/<str:token>/preview/", slides.preview, name="slides-preview"),
    path("talks/slides/missing/", slides.missing, name="slides-missing"),
    path(
        "talks/stage/slides/<str:public_id>/<int:position>.webp", slides.staff_slide_image, name="stage-slide"
    ),
]

urlpatterns += [
    path("talks/stage/", stage.stage_list, name="stage-list"),
    path("talks/stage/sw.js", stage.stage_worker, name="stage-worker"),
    path("talks/stage/<int:day_id>/<int:space_id>/", stage.stage, name="stage"),
]
