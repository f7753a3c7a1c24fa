"""Plain Django views around the API: what ninja's router does not answer."""

from django.views.decorators.csrf import csrf_exempt

from clinch.api.problems import problem


@csrf_exempt
def api_not_found(request, *args, **kwargs):
    """Any other address under /api/ is a problem document too, never an HTML page."""
    return problem(404, f"There is no API route at {request.path[:200]}.")
