"""Sign up (with a confirmed address), log in (throttled), profile, password reset."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, PasswordResetConfirmView
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone

from clinch.accounts import services, throttle
from clinch.accounts.forms import ProfileForm, SignupForm


def signup(request):
    """Sign up: a valid form always ends on "check your inbox", whether or not the address was taken."""
    if request.user.is_authenticated:
        return redirect("home")
    initial = {key: request.GET[key] for key in ("email", "display_name") if key in request.GET}
    form = SignupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.start_signup(request, form)
        return render(request, "accounts/check_inbox.html", {"email": form.cleaned_data["email"], "new_account": True})
    return render(request, "accounts/signup.html", {"form": form})


def verify_email(request, token):
    """The link from the mail: a page with one button (mail scanners open links; only a person presses it)."""
    found = services.read_token(token)
    if found is None:
        return render(request, "accounts/verify_email.html", {"expired": True}, status=400)
    user_pk, email = found
    if request.method == "POST":
        try:
            user = services.confirm_email(user_pk, email, now=timezone.now())
        except ValidationError as error:
            return render(request, "accounts/verify_email.html", {"problem": " ".join(error.messages)}, status=409)
        if not request.user.is_authenticated or request.user.pk != user.pk:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"{email} is confirmed. Welcome to Clinch." if user.last_login is None
                         else f"{email} is confirmed.")
        return redirect("home")
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
        if new_email.lower() != current_email.lower() or user.email_verified_at is None:
            # A new address, or one never confirmed (an account an administrator made): send the link.
            services.request_email_change(request, user, new_email)
            messages.success(request, f"Profile saved. We sent a link to {new_email}: the address counts "
                                      "once you open it.")
        else:
            messages.success(request, "Profile saved.")
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
