from django.contrib import admin
from django.urls import include, path, re_path

from clinch.api.api import api
from clinch.api import pages as api_pages
from clinch.api.views import api_not_found
from clinch.hooks import pages as hook_pages
from clinch.transfer import pages as transfer_pages

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/", api_not_found),
    path("settings/api/", api_pages.api_tokens, name="api_tokens"),
    path("settings/api/<uuid:token_id>/revoke/", api_pages.revoke, name="api_token_revoke"),
    path("settings/webhooks/", hook_pages.webhooks, name="webhooks"),
    path("settings/webhooks/<uuid:webhook_id>/", hook_pages.webhook, name="webhook"),
    path("settings/webhooks/<uuid:webhook_id>/rotate/", hook_pages.rotate, name="webhook_rotate"),
    path("settings/webhooks/<uuid:webhook_id>/delete/", hook_pages.delete, name="webhook_delete"),
    path("settings/data/", transfer_pages.data, name="transfer_data"),
    path("settings/data/<str:what>/", transfer_pages.download, name="transfer_download"),
    path("accounts/", include("clinch.accounts.urls")),
    path("", include("clinch.web.urls")),
    path("", include("clinch.mail.urls")),
    path("", include("clinch.consult.urls")),
    path("", include("clinch.agency.urls")),
]
