"""Sign up, log in (throttled), profile."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.core.cache import cache
from django.shortcuts import redirect, render

from clinch.accounts.forms import ProfileForm, SignupForm
from clinch.net import client_ip


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


def _throttle_key(request) -> str:
    username = request.POST.get("username", "").strip().lower()
    raw = f"{client_ip(request)}|{username}".encode()
    return "login-failures:" + hashlib.sha256(raw).hexdigest()


class ThrottledLoginView(LoginView):
    """Django's login, refusing further tries after repeated failures from one client and name."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        key = _throttle_key(request)
        if cache.get(key, 0) >= settings.LOGIN_FAILURE_LIMIT:
            minutes = settings.LOGIN_FAILURE_WINDOW_SECONDS // 60
            response = render(
                request,
                "registration/login.html",
                {"form": self.get_form(), "throttled": True, "minutes": minutes},
                status=429,
            )
            return response
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        # set(), not incr(): the database cache's incr() would cut the window to its default timeout.
        # The window runs from the latest failure, so a patient guesser stays locked out.
        key = _throttle_key(self.request)
        cache.set(key, cache.get(key, 0) + 1, settings.LOGIN_FAILURE_WINDOW_SECONDS)
        return super().form_invalid(form)

    def form_valid(self, form):
        cache.delete(_throttle_key(self.request))
        return super().form_valid(form)
