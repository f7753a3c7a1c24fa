"""The settings page for a user's data: download everything (JSON, CSV) and import an export."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from clinch.transfer import export, tables
from clinch.transfer.importer import MAX_BYTES, ImportRefused, import_document, parse


class ImportForm(forms.Form):
    document = forms.FileField(label="A Clinch export (.json)", help_text="Made by “Download everything” or `clinch export`.")


@login_required
def data(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        try:
            if upload.size > MAX_BYTES:
                raise ImportRefused(f"The file is larger than {MAX_BYTES // 1024 // 1024} MB.")
            report = import_document(owner=request.user, data=parse(upload.read()))
        except ImportRefused as refused:
            form.add_error("document", refused.detail)
            problems = refused.problems
        else:
            made = ", ".join(f"{n} {section}" for section, n in report.created.items()) or "nothing new"
            messages.success(request, f"Imported {made}.")
            return redirect("transfer_data")
    status = 422 if problems is not None or form.errors else 200
    return render(request, "transfer/data.html", {"form": form, "problems": problems}, status=status)


@login_required
def download(request, what):
    stamp = timezone.now().strftime("%Y%m%d")
    if what == "json":
        pieces, kind, name = export.iter_export(request.user), "application/json", f"clinch-{stamp}.json"
    elif what in ("interviews", "followups"):
        pieces, kind, name = getattr(tables, f"{what}_csv")(request.user), "text/csv", f"clinch-{what}-{stamp}.csv"
    else:
        raise Http404("No such download.")
    response = StreamingHttpResponse(pieces, content_type=f"{kind}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
