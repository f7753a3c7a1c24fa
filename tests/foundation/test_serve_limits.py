"""`clinch serve` bounds what it reads: a request body over MAX_REQUEST_BYTES is refused with
413 from its headers alone, and an upload of several card photos fits under the limit."""

from __future__ import annotations

import socket
import threading

import pytest
from django.conf import settings
from waitress.server import create_server

from clinch.cards.photo import MAX_BYTES as PHOTO_BYTES
from clinch.commands.serve import server_options
from clinch.web.cards import MAX_PHOTOS


@pytest.fixture
def server():
    """The app under waitress with `clinch serve`'s options, on a free loopback port."""
    from clinch.wsgi import application

    running = create_server(application, host="127.0.0.1", port=0, **server_options(threads=1))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    yield running.effective_port
    running.close()
    thread.join(timeout=10)


def send_headers_only(port: int, length: int) -> bytes:
    """A POST that announces `length` bytes of body and sends none of them; the first reply line."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(f"POST /cards/scan/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; "
                     f"boundary=x\r\nContent-Length: {length}\r\n\r\n".encode())
        return conn.recv(200).split(b"\r\n", 1)[0]


def test_a_full_card_upload_fits_under_the_limit():
    assert MAX_PHOTOS * PHOTO_BYTES + 1024 * 1024 <= settings.MAX_REQUEST_BYTES


@pytest.mark.django_db(transaction=True)
def test_a_body_over_the_limit_is_refused_before_it_is_read(server):
    assert send_headers_only(server, settings.MAX_REQUEST_BYTES + 1) == b"HTTP/1.1 413 Request Entity Too Large"
    # Twice the limit, the same answer: the server never waits for the body.
    assert send_headers_only(server, 2 * settings.MAX_REQUEST_BYTES) == b"HTTP/1.1 413 Request Entity Too Large"
