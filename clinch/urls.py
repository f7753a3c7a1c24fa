from django.contrib import admin
from django.urls import include, path, re_path

from clinch.api.api import api
from clinch.api.views import api_not_found

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/", api_not_found),
    path("accounts/", include("clinch.accounts.urls")),
    path("", include("clinch.web.urls")),
    path("", include("clinch.mail.urls")),
    path("", include("clinch.consult.urls")),
]
