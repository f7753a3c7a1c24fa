"""Sign up (logged in at once, the address confirmed by its link), log in (throttled), profile, password reset."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_POST
from django.contrib.auth.views import LoginView, PasswordResetConfirmView
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from clinch.accounts import services, throttle
from clinch.accounts.forms import ProfileForm, SignupForm
from clinch.net import safe_next


def signup(request):
    """Sign up: a valid form always makes an account, logs it in and lands on Today, whether or not
    the address was taken (the banner on every page then asks to confirm it)."""
    if request.user.is_authenticated:
        return redirect("home")
    initial = {key: request.GET[key] for key in ("email", "display_name") if key in request.GET}
    form = SignupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        user = services.start_signup(request, form)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        from clinch.agency.candidate_views import pending_invitation

        return redirect(pending_invitation(request) or "home")  # an invited candidate goes back to accept
    return render(request, "accounts/signup.html", {"form": form})


@login_required
@require_POST
def resend_link(request):
    """The banner's "send it again": the same answer whether the link or its owner's notice went out."""
    email = request.user.email
    if services.resend_link(request, request.user):
        messages.success(request, f"We sent the link to {email} again.")
    else:
        minutes = max(settings.EMAIL_RESEND_INTERVAL_SECONDS // 60, 1)
        messages.info(request, f"We sent a link to {email} a short while ago. Try again in {minutes} minutes.")
    return redirect(safe_next(request, "home"))


def verify_email(request, token):
    """The link from the mail: a page with one button (mail scanners open links; only a person presses it).

    It confirms the address whoever is logged in, or no one; it logs no one in (the mailbox's
    reader need not be the account's owner)."""
    found = services.read_token(token)
    if found is None:
        return render(request, "accounts/verify_email.html", {"expired": True}, status=400)
    user_pk, email = found
    if request.method == "POST":
        try:
            user = services.confirm_email(user_pk, email, now=timezone.now())
        except ValidationError as error:
            return render(request, "accounts/verify_email.html", {"problem": " ".join(error.messages)}, status=409)
        messages.success(request, f"{email} is confirmed.")
        return redirect("home" if request.user.is_authenticated and request.user.pk == user.pk else "login")
    return render(request, "accounts/verify_email.html", {"email": email})


@login_required
def profile(request):
    user = request.user
    current_email = user.email
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        new_email = form.cleaned_data["email"]
        form.instance.email = current_email  # it changes only once the new address is confirmed
        form.save()
        if new_email.lower() != current_email.lower():
            services.request_email_change(request, user, new_email)
        elif user.email_verified_at is None:
            services.resend_link(request, user)  # the banner's "send it again", with its limit
        else:
            messages.success(request, "Profile saved.")
            return redirect("profile")
        messages.success(request, f"Profile saved. We sent a link to {new_email}: the address counts "
                                  "once you open it.")
        return redirect("profile")
    return render(request, "accounts/profile.html", {"form": form})


class ThrottledLoginView(LoginView):
    """Django's login, refusing further tries after repeated failures (see ``clinch.accounts.throttle``)."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if throttle.is_locked(request, request.POST.get("username", "")):
            minutes = settings.LOGIN_FAILURE_WINDOW_SECONDS // 60
            return render(
                request,
                "registration/login.html",
                {"form": self.get_form(), "throttled": True, "minutes": minutes},
                status=429,
            )
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        throttle.record_failure(self.request, self.request.POST.get("username", ""))
        return super().form_invalid(form)

    def form_valid(self, form):
        throttle.clear(self.request, self.request.POST.get("username", ""))
        return super().form_valid(form)


class ResetPasswordConfirmView(PasswordResetConfirmView):
    """Setting a new password from the emailed link proves the account is yours: lift any lockout."""

    def form_valid(self, form):
        response = super().form_valid(form)
        throttle.clear(self.request, form.user.get_username())
        return response
