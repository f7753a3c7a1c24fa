"""Fixtures for the API: people with tokens, and a small world of objects each owns."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone as dt_timezone

import pytest

NOW = datetime(2026, 5, 20, 15, 0, tzinfo=dt_timezone.utc)


def token_for(user, *, scope="read-write", expires_at=None, name="script"):
    """A token's secret for ``user``, made through the same service as the settings page."""
    from clinch.api.tokens import create_token

    _token, secret = create_token(owner=user, name=name, scope=scope, expires_at=expires_at, now=NOW)
    return secret


class ApiClient:
    """Django's test client speaking JSON with a bearer token."""

    def __init__(self, client, secret):
        self.client, self.headers = client, {"Authorization": f"Bearer {secret}"} if secret else {}

    def call(self, method, path, body=None, *, raw=None, **params):
        path = path if path.startswith("/") else f"/api/v1/{path}"
        kwargs = {"headers": self.headers}
        if method == "get":
            return self.client.get(path, params, **kwargs)
        data = raw if raw is not None else (None if body is None else __import__("json").dumps(body))
        return getattr(self.client, method)(path, data=data, content_type="application/json", **kwargs)

    def get(self, path, **params):
        return self.call("get", path, **params)

    def post(self, path, body=None, **kw):
        return self.call("post", path, body, **kw)

    def patch(self, path, body=None, **kw):
        return self.call("patch", path, body, **kw)

    def put(self, path, body=None, **kw):
        return self.call("put", path, body, **kw)

    def delete(self, path):
        return self.call("delete", path)


@pytest.fixture
def api_for(client):
    def make(user, **token):
        return ApiClient(client, token_for(user, **token))

    return make


@pytest.fixture
def dana_api(api_for, dana):
    return api_for(dana)


def build_world(user, *, company="Larkspur Analytics", person="Rosa Quiñones", email="rquinones@larkspur.example"):
    """One of everything ``user`` can own: company, opportunity, interview with a contact and a topic,
    an article, the planned follow-ups and a sent message. Returns the objects by kind."""
    from clinch.followups.models import FollowUp
    from clinch.followups.services import replan
    from clinch.interviews import services
    from clinch.interviews.models import Article, Topic
    from clinch.mail.models import Message

    data = services.InterviewData(
        company=company, role="Staff Engineer", starts_at=NOW - timedelta(hours=3), ends_at=NOW - timedelta(hours=2),
        timezone="America/Denver", next_step="We will decide by Friday.",
        interviewers=(services.InterviewerData(name=person, email=email, role="hiring_manager",
                                               topics=("the data pipeline",)),),
    )
    interview = services.record_interview(owner=user, data=data, now=NOW)
    replan(interview=interview, now=NOW)
    article = Article.objects.create(owner=user, title="Streaming joins", url="https://example.org/joins")
    Topic.objects.filter(participant__interview=interview).update(article=article)
    followup = FollowUp.objects.filter(interview=interview).order_by("send_at").first()
    message = Message.objects.create(
        owner=user, followup=followup, opportunity=interview.opportunity, state="sent",
        message_id=f"<{interview.public_id}@clinch.test>", from_email=user.email, to_email=email,
        to_name=person, subject="Thank you", body_text="Dear Rosa, thank you.", sent_at=NOW,
    )
    contact = interview.participants.first().contact
    from clinch.hooks.services import create_webhook

    webhook, _secret = create_webhook(owner=user, url=f"https://hooks.example/{user.username}", events=["followup.sent"])
    return {
        "webhooks": webhook, "topics": Topic.objects.get(participant__interview=interview),
        "companies": interview.opportunity.company, "opportunities": interview.opportunity,
        "interviews": interview, "contacts": contact, "articles": article, "followups": followup,
        "messages": message,
    }
