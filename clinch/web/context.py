from django.conf import settings

from clinch import __version__


def site(request) -> dict:
    return {"clinch_version": __version__, "site_url": settings.SITE_URL}
