from django.urls import path

from clinch.consult import desk_views, views

app_name = "consult"

public_urlpatterns = [
    path("consultation", views.consultation, name="form"),
    path("consultation/thanks", views.thanks, name="thanks"),
    # An organisation's own form: the same form, its requests reach only that organisation's desk.
    path("consultation/<uuid:org_id>", views.consultation, name="org_form"),
]

# Every URL here is for agency staff only (tests walk this list).
desk_urlpatterns = [
    path("desk/", desk_views.desk, name="desk"),
    path("desk/export/", desk_views.desk_export, name="desk_export"),
    path("desk/<uuid:public_id>/", desk_views.desk_detail, name="desk_detail"),
    path("desk/<uuid:public_id>/status/", desk_views.desk_status, name="desk_status"),
    path("desk/<uuid:public_id>/assign/", desk_views.desk_assign, name="desk_assign"),
    path("desk/<uuid:public_id>/notes/", desk_views.desk_note, name="desk_note"),
    path("desk/<uuid:public_id>/invite/", desk_views.desk_invite, name="desk_invite"),
]

urlpatterns = public_urlpatterns + desk_urlpatterns
