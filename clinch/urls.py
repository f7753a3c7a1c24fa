from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("clinch.accounts.urls")),
    path("", include("clinch.web.urls")),
    path("", include("clinch.mail.urls")),
    path("", include("clinch.consult.urls")),
]
