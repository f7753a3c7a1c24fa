"""Files shared to Clinch from the phone's share sheet (the web app manifest's ``share_target``).

An installed Clinch is offered in the share sheet for calendar invitations (.ics) and contact
cards (.vcf). The phone POSTs what was shared here as a multipart form, with the fields the
manifest names (``file``, and ``text``/``title``/``url`` when text is shared), and gets the same
review page as an upload: the capture page filled from the invitation, or the cards to import.
Nothing is saved here; saving goes through those pages' own forms.

The share sheet's request is made by the phone, not by one of Clinch's pages, so it carries no
CSRF token: the view is exempt from the check. It may be, because it writes nothing: a forged
request can at most show a page the user must still confirm (and, the session cookie being
SameSite=Lax, another site's request arrives signed out and gets the login page).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.shortcuts import redirect
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from clinch.web import invitations, vcards

VCARD_TYPES = ("text/vcard", "text/x-vcard", "text/directory")
VCARD_SUFFIXES = (".vcf", ".vcard")


@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def share(request):
    """What was shared, on its review page; a GET (after signing in, say) opens the capture page."""
    if request.method != "POST":
        return redirect("interview_new")
    files = request.FILES.getlist("file")
    if files and all(_is_vcard(f) for f in files):
        return vcards.review_shared(request, files)
    data = request.POST.copy()
    data["text"] = _shared_text(request.POST)
    form = invitations.InvitationForm(data, {"file": files[0]} if files else {})
    return invitations.capture_from(request, form)


def _is_vcard(upload: UploadedFile) -> bool:
    """A contact card, by its name, its type or its first line (phones name shared files freely)."""
    if upload.name.lower().endswith(VCARD_SUFFIXES) or (upload.content_type or "").lower() in VCARD_TYPES:
        return True
    head = upload.read(64)
    upload.seek(0)
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").upper().startswith(b"BEGIN:VCARD")


def _shared_text(post) -> str:
    """Shared text (an invitation email's, say): its title, text and link, as one paste."""
    return "\n".join(value for value in (post.get(name, "").strip() for name in ("title", "text", "url")) if value)
