from django.urls import path

from clinch.agency import candidate_views, coach_views

app_name = "agency"

# Organisation-scoped: a member of another organisation, or a coach without consent, gets 404
# (tests/agency/test_org_walk.py walks this list).
org_urlpatterns = [
    path("org/<uuid:org_id>/", coach_views.organisation, name="organisation"),
    path("org/<uuid:org_id>/invite/", coach_views.invite, name="invite"),
    path("org/<uuid:org_id>/members/", coach_views.member_add, name="member_add"),
    path("org/<uuid:org_id>/members/<uuid:member_id>/remove/", coach_views.member_remove, name="member_remove"),
    path("org/<uuid:org_id>/board/", coach_views.board, name="board"),
    path("org/<uuid:org_id>/policy/", coach_views.policy, name="policy"),
    path("org/<uuid:org_id>/candidates/<uuid:coaching_id>/", coach_views.candidate, name="candidate"),
    path("org/<uuid:org_id>/candidates/<uuid:coaching_id>/drafts/<uuid:followup_id>/", coach_views.draft,
         name="draft"),
    path("org/<uuid:org_id>/candidates/<uuid:coaching_id>/steps/<uuid:followup_id>/", coach_views.step,
         name="step"),
]

candidate_urlpatterns = [
    path("invitation/<str:token>/", candidate_views.invitation, name="invitation"),
    path("coaching/", candidate_views.coaching, name="coaching"),
    path("coaching/<uuid:coaching_id>/", candidate_views.coaching_change, name="coaching_change"),
    path("coaching/<uuid:coaching_id>/policy/", candidate_views.coaching_policy, name="coaching_policy"),
    path("digest/unsubscribe/<str:token>/", candidate_views.digest_unsubscribe, name="digest_unsubscribe"),
]

urlpatterns = org_urlpatterns + candidate_urlpatterns
