"""Mail pages: the account form, the test button, the outbox and its actions. Rules live in services."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from clinch.interviews.models import Opportunity
from clinch.mail import oauth, services
from clinch.mail.forms import MailAccountForm, OAuthConnectForm
from clinch.mail.models import MailAccount, Message
from clinch.net import safe_next
from clinch.owned import get_owned_or_404, owned_by


@login_required
def settings_page(request):
    account = owned_by(MailAccount, request.user).first()
    form = MailAccountForm(request.POST or None, instance=account)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.owner = request.user
        saved.save()
        messages.success(request, "Mail account saved. Send yourself a test message to be sure it works.")
        return redirect("mail:settings")
    if account is None and request.method == "GET":
        form.initial.setdefault("from_name", request.user.name_for_notes)
        form.initial.setdefault("from_email", request.user.email)
    connect_form = OAuthConnectForm(prefix="connect", initial={
        "from_name": account.from_name if account else request.user.name_for_notes,
        "from_email": account.from_email if account else request.user.email,
    })
    response = render(request, "mail/settings.html", {
        "form": form,
        "connect_form": connect_form,
        "providers": [(name, oauth.provider(name)["label"]) for name in oauth.configured()],
        "provider_label": oauth.provider(account.auth_method)["label"] if account and account.uses_oauth else "",
        "account": account,
        "server_account": account is None and services.account_for(request.user) is not None,
        "password_unreadable": bool(account and account.smtp_password_encrypted and not _readable(account)),
    })
    if oauth.configured():
        # "Connect with ..." posts here and is redirected to the provider: the browser follows
        # that redirect only if this page's form-action allows the provider's origin.
        csp = settings.SECURE_CSP
        response._csp_config = {**csp, "form-action": [*csp["form-action"], *oauth.authorize_origins()]}
    return response


def _readable(account) -> bool:
    from clinch.mail import crypto

    return bool(crypto.decrypt(account.smtp_password_encrypted))


@login_required
@require_POST
def send_test(request):
    account = services.account_for(request.user)
    if account is None:
        messages.error(request, "Save your mail account first.")
        return redirect("mail:settings")
    ok, answer = services.send_test_message(account)
    if ok:
        messages.success(request, f"Test message sent to {account.from_email}. Check your inbox.")
    else:
        messages.error(request, f"The test message was not sent. {answer}")
    return redirect("mail:settings")


@login_required
@require_POST
def delete_account(request):
    owned_by(MailAccount, request.user).delete()
    messages.success(request, "Mail account removed. Clinch will not send email for you until you add one.")
    return redirect("mail:settings")


@login_required
def outbox(request):
    outgoing = (
        owned_by(Message, request.user)
        .filter(direction=Message.Direction.OUTBOUND)
        .select_related("opportunity__company")
        .order_by("-send_at", "-id")[:200]
    )
    account = services.account_for(request.user)
    return render(request, "mail/outbox.html", {"outgoing": outgoing, "has_account": account is not None,
                                                "account": account})


ACTIONS = {
    "retry": (services.retry_message, "Scheduled to send again, with the same Message-ID."),
    "mark-sent": (services.mark_message_sent, "Marked as sent."),
    "cancel": (services.cancel_message, "Cancelled: it will not be sent."),
}


@login_required
@require_POST
def message_action(request, public_id, action):
    if action not in ACTIONS:
        raise Http404("No such action.")
    message = get_owned_or_404(Message.objects.filter(direction=Message.Direction.OUTBOUND), request.user, public_id)
    handler, done = ACTIONS[action]
    try:
        handler(message, now=timezone.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(safe_next(request, "mail:outbox"))


@login_required
@require_POST
def they_replied(request, public_id):
    """The one-click "they replied" for users without IMAP: same effect as a reply read by the worker."""
    opportunity = get_owned_or_404(Opportunity, request.user, public_id)
    services.record_reply(opportunity=opportunity, now=timezone.now())
    messages.success(request, "Noted: they replied. Pending status checks for this role are paused.")
    return redirect(safe_next(request, "home"))


PENDING_KEY = "mail_oauth_pending"


@login_required
@require_POST
def oauth_start(request, provider):
    """"Connect with Google/Microsoft": remember a fresh state and PKCE verifier, then go to the provider."""
    if provider not in oauth.configured():
        raise Http404("This provider is not set up on this server.")
    form = OAuthConnectForm(request.POST, prefix="connect")
    if not form.is_valid():
        messages.error(request, "Check your name and email address: " + " ".join(
            error for errors in form.errors.values() for error in errors))
        return redirect("mail:settings")
    url, pending = oauth.start(provider, from_name=form.cleaned_data["from_name"],
                               from_email=form.cleaned_data["from_email"], now=timezone.now())
    request.session[PENDING_KEY] = pending.as_dict()
    return redirect(url)


@login_required
def oauth_callback(request):
    """Where the provider sends the browser back; the sign-in under way is used once, right or wrong."""
    pending = request.session.pop(PENDING_KEY, None)
    try:
        started, tokens = oauth.finish(pending, request.GET, now=timezone.now())
        account = oauth.connect_account(request.user, started, tokens, now=timezone.now())
    except oauth.OAuthProblem as problem:
        messages.error(request, f"Your mailbox was not connected: {problem}. Nothing was changed.")
        return redirect("mail:settings")
    except ValidationError as error:
        messages.error(request, "Your mailbox was not connected: " + " ".join(error.messages))
        return redirect("mail:settings")
    label = oauth.provider(account.auth_method)["label"]
    messages.success(request, f"Connected with {label}: Clinch sends from {account.from_email} and reads replies. "
                              "Send yourself a test message to be sure.")
    return redirect("mail:settings")


@login_required
@require_POST
def oauth_disconnect(request):
    account = owned_by(MailAccount, request.user).first()
    if account is None or not account.uses_oauth:
        messages.error(request, "There is no connected mailbox to disconnect.")
        return redirect("mail:settings")
    label, manage = oauth.provider(account.auth_method)["label"], oauth.provider(account.auth_method)["manage_url"]
    revoked = oauth.disconnect(account, now=timezone.now())
    if revoked:
        messages.success(request, f"Disconnected: {label} has withdrawn Clinch's access. Scheduled notes wait "
                                  "until you connect again or save a password.")
    else:
        messages.success(request, f"Disconnected: Clinch forgot its access. To withdraw it at {label} too, "
                                  f"remove Clinch at {manage}. Scheduled notes wait until you connect again.")
    return redirect("mail:settings")
