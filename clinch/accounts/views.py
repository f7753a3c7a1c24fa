"""Sign up, log in (throttled), profile."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, PasswordResetConfirmView
from django.shortcuts import redirect, render

from clinch.accounts.forms import ProfileForm, SignupForm
from clinch.accounts import throttle


def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    initial = {key: request.GET[key] for key in ("email", "display_name") if key in request.GET}
    form = SignupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome to Clinch. Start by recording your latest interview.")
        return redirect("home")
    return render(request, "accounts/signup.html", {"form": form})


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
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
