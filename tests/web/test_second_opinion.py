"""The local model's second opinion: off by default, asked only from the editor, shown beside the findings.

A small OpenAI-compatible chat server on the loopback interface stands in for llama.cpp or Ollama.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.urls import reverse

from clinch.followups import second_opinion
from clinch.followups.models import FollowUp
from tests.web.flows import JUST_AFTER, record


class ChatServer:
    """Answers POST /v1/chat/completions with ``content`` (or stalls for ``delay`` seconds); keeps the requests."""

    def __init__(self):
        self.requests: list[dict] = []
        self.content = json.dumps({"findings": []})
        self.delay = 0.0
        self.status = 200
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the http.server API
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.requests.append({"path": self.path, "json": json.loads(body)})
                time.sleep(outer.delay)
                answer = json.dumps({"choices": [{"message": {"role": "assistant", "content": outer.content}}]}).encode()
                self.send_response(outer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def chat():
    server = ChatServer()
    yield server
    server.close()


@pytest.fixture
def local_model(settings, chat):
    settings.LOCAL_MODEL_URL = chat.url
    settings.LOCAL_MODEL_NAME = "qwen-local"
    settings.LOCAL_MODEL_TIMEOUT_SECONDS = 1
    return chat


@pytest.fixture
def note(dana):
    with time_machine.travel(JUST_AFTER, tick=False):
        record(dana)
    return FollowUp.objects.get(owner=dana, kind="thank_you", contact__name="Rafael Quiñones")


def ask(client, note, body):
    return client.post(reverse("followup_second_opinion", args=[note.public_id]), {"body": body})


def test_it_is_off_by_default_no_button_and_no_call(dana_client, note, chat):
    page = dana_client.get(reverse("followup", args=[note.public_id])).content.decode()
    assert "Ask my local model" not in page
    answer = ask(dana_client, note, note.body).content.decode()
    assert "No local model is set up" in answer
    assert chat.requests == []


def test_the_editor_offers_it_once_set_up(dana_client, note, local_model):
    page = dana_client.get(reverse("followup", args=[note.public_id])).content.decode()
    assert "Ask my local model" in page
    assert reverse("followup_second_opinion", args=[note.public_id]) in page


def test_its_answer_is_shown_beside_the_findings_never_mixed_into_them(dana_client, note, local_model):
    body = "Dear Rafael,\n\nThank you for the interview, what little of it there was. I need this job.\n\nDana"
    local_model.content = json.dumps({"findings": [
        {"code": "passive-aggressive", "quote": "what little of it there was", "why": "It mocks the length of the interview."},
        {"code": "negative", "quote": "your terrible process", "why": "Made up: not in the note."},
    ]})
    page = ask(dana_client, note, body).content.decode()
    assert "what little of it there was" in page and "It mocks the length of the interview." in page
    assert "your terrible process" not in page  # a quote that is not in the note is dropped
    assert "Clinch does not measure how often it is right" in page
    findings = dana_client.post(reverse("followup_check", args=[note.public_id]), {"subject": note.subject, "body": body}).content.decode()
    assert "It mocks the length" not in findings


def test_the_request_names_the_model_and_asks_for_json_that_fits_the_schema(dana_client, note, local_model):
    ask(dana_client, note, "Dear Rafael,\n\nThanks.\n\nDana")
    [request] = local_model.requests
    assert request["path"] == "/v1/chat/completions"
    sent = request["json"]
    assert sent["model"] == "qwen-local" and sent["temperature"] == 0
    assert sent["response_format"]["json_schema"]["schema"] == second_opinion.SCHEMA
    assert "a thank-you note after an interview" in sent["messages"][1]["content"]
    assert "Dear Rafael" in sent["messages"][1]["content"]


def test_a_good_note_gets_a_plain_no_problem(dana_client, note, local_model):
    assert "qwen-local found no problem of tone." in ask(dana_client, note, note.body).content.decode()


def test_a_slow_server_gives_up_within_the_timeout(dana_client, note, local_model):
    local_model.delay = 3
    started = time.monotonic()
    page = ask(dana_client, note, note.body).content.decode()
    assert time.monotonic() - started < 2.5
    assert "did not answer within 1 seconds" in page


@pytest.mark.parametrize("content", ["not json at all", json.dumps({"findings": [{"code": "rude", "quote": "x", "why": "y"}]}), json.dumps({"verdict": "fine"})])
def test_an_answer_in_another_shape_is_reported_not_shown(dana_client, note, local_model, content):
    local_model.content = content
    page = ask(dana_client, note, note.body).content.decode()
    assert "was not in the expected form" in page


def test_a_server_that_is_down_is_reported(dana_client, note, settings):
    settings.LOCAL_MODEL_URL, settings.LOCAL_MODEL_NAME = "http://127.0.0.1:9/v1", "qwen-local"
    assert "Could not reach the local model" in ask(dana_client, note, note.body).content.decode()


def test_it_answers_only_posts_and_only_for_the_owner(client, mallory, dana_client, note, local_model):
    url = reverse("followup_second_opinion", args=[note.public_id])
    assert dana_client.get(url).status_code == 405
    client.force_login(mallory)
    assert client.post(url, {"body": "x"}).status_code == 404
    assert local_model.requests == []


def test_asking_past_the_live_budget_is_refused_without_calling_the_model(dana_client, note, local_model, monkeypatch):
    from clinch.web import live

    monkeypatch.setattr(live, "clock", lambda: 1000.0)  # no refill while the test runs
    for _ in range(live.BURST):
        assert ask(dana_client, note, note.body).status_code == 200
    asked = len(local_model.requests)
    refused = ask(dana_client, note, note.body)
    assert refused.status_code == 429
    assert "ask again in a few seconds" in refused.content.decode()
    assert len(local_model.requests) == asked == live.BURST
