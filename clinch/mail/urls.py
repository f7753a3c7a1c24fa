from django.urls import path

from clinch.mail import views

app_name = "mail"

urlpatterns = [
    path("mail/", views.settings_page, name="settings"),
    path("mail/test/", views.send_test, name="send_test"),
    path("mail/remove/", views.delete_account, name="delete_account"),
    path("mail/oauth/<str:provider>/start/", views.oauth_start, name="oauth_start"),
    path("mail/oauth/callback/", views.oauth_callback, name="oauth_callback"),
    path("mail/oauth/disconnect/", views.oauth_disconnect, name="oauth_disconnect"),
    path("mail/outbox/", views.outbox, name="outbox"),
    path("mail/outbox/<uuid:public_id>/<str:action>/", views.message_action, name="message_action"),
    path("mail/replied/<uuid:public_id>/", views.they_replied, name="they_replied"),
]
