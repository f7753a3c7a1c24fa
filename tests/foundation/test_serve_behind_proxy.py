"""The README's production recipe, end to end: `clinch serve` behind nginx terminating HTTPS on loopback.

nginx (Debian's nginx-light, installed by `make test`) listens for HTTPS and plain
HTTP and passes requests to `clinch serve` with X-Forwarded-For and
X-Forwarded-Proto, as the README tells an operator to set it up. Clients connect
from different loopback addresses (127.0.0.2, 127.0.0.3), so the proxy sees
different visitors.
"""

from __future__ import annotations

import datetime
import http.client
import ipaddress
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
HOST = "clinch.test"
pytestmark = pytest.mark.skipif(NGINX is None, reason="nginx not installed: `make test` installs nginx-light")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, what: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, f"{what} exited: {process.communicate()[0]}"
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            assert time.monotonic() < deadline, f"{what} did not listen within 60 s"
            time.sleep(0.2)


def self_signed(directory: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName(
            [x509.DNSName(HOST), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "cert.pem", directory / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return cert_path, key_path


NGINX_CONF = """
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
{user}
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {dir}/body; proxy_temp_path {dir}/proxy; fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi; scgi_temp_path {dir}/scgi;
  upstream clinch {{ server 127.0.0.1:{app}; }}
  client_max_body_size 100m;
  server {{
    listen 127.0.0.1:{https} ssl;
    server_name {host};
    ssl_certificate {cert}; ssl_certificate_key {key};
    location / {{
      proxy_pass http://clinch;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }}
  }}
  server {{
    listen 127.0.0.1:{http};
    server_name {host};
    location / {{
      proxy_pass http://clinch;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }}
  }}
}}
"""


class Visitor:
    """A browser at one loopback address: keeps cookies, speaks HTTPS (or HTTP) to the proxy."""

    def __init__(self, address: str, port: int, *, tls: bool = True) -> None:
        self.address, self.port, self.tls = address, port, tls
        self.cookies: dict[str, str] = {}
        self.origin = f"{'https' if tls else 'http'}://{HOST}:{port}"

    def request(self, method: str, path: str, body: dict | None = None, headers: dict | None = None,
                *, send_body: bool = True):
        data = None
        sent = dict(headers or {})
        if body is not None:
            data = urlencode(body)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        return self._send(method, path, data, sent, send_body=send_body)

    def request_raw(self, method: str, path: str, body: bytes, content_type: str):
        return self._send(method, path, body, {"Content-Type": content_type})

    def _send(self, method: str, path: str, data, headers: dict, *, send_body: bool = True):
        if self.tls:
            context = ssl.create_default_context()
            context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
            connection = http.client.HTTPSConnection("127.0.0.1", self.port, context=context, timeout=30,
                                                     source_address=(self.address, 0))
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30,
                                                    source_address=(self.address, 0))
        sent = {"Host": f"{HOST}:{self.port}", **headers}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if data is not None:
            sent.update({"Origin": self.origin, "Referer": self.origin + path})
        if send_body:
            connection.request(method, path, body=data, headers=sent)
        else:  # announce a body (Content-Length in headers) and never send it
            connection.putrequest(method, path, skip_host=True)
            for name, value in sent.items():
                connection.putheader(name, value)
            connection.endheaders()
        response = connection.getresponse()
        response.text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response

    def log_in(self, username: str, password: str, headers: dict | None = None):
        page = self.request("GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        return self.request("POST", "/accounts/login/",
                            {"csrfmiddlewaretoken": token, "username": username, "password": password}, headers)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """`clinch serve` with the README's production settings, nginx in front of it; yields the two ports."""
    work = tmp_path_factory.mktemp("proxy")
    os.chmod(work, 0o755)  # nginx's workers may run as another user
    app, https, plain = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{work / 'clinch.sqlite3'}", "CLINCH_DATA_DIR": str(work / "var"),
        "SECRET_KEY": "proxy-test-" + "s" * 50, "FIELD_ENCRYPTION_KEY": "proxy-test-field-key",
        "ALLOWED_HOSTS": HOST, "SITE_URL": f"https://{HOST}:{https}",
        "SECURE": "true", "TRUST_PROXY": "true", "TRUSTED_PROXY": "127.0.0.1", "DEBUG": "false",
        "MAIL_URL": "memory:", "LOGIN_FAILURE_LIMIT": "3", "LOG_LEVEL": "WARNING",
        "DJANGO_SUPERUSER_PASSWORD": "correct horse battery",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    clinch = [sys.executable, "-m", "clinch.cli"]
    for step in (["manage", "migrate", "-v", "0"],
                 ["manage", "createsuperuser", "--noinput", "--username", "dana", "--email", "dana@example.org"]):
        done = subprocess.run(clinch + step, env=env, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
    server = subprocess.Popen(clinch + ["serve", "--port", str(app), "--no-worker", "--no-migrate"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    cert, key = self_signed(work)
    conf = work / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=work, app=app, https=https, http=plain, host=HOST, cert=cert, key=key,
                                      user="user root;" if os.geteuid() == 0 else ""))
    proxy = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(work)], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    try:
        wait_for_port(app, server, "clinch serve")
        wait_for_port(https, proxy, "nginx")
        yield https, plain
    finally:
        for process in (proxy, server):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def test_https_pages_are_served_without_a_redirect_loop(site):
    https, _ = site
    visitor = Visitor("127.0.0.2", https)
    response = visitor.request("GET", "/accounts/login/")
    assert response.status == 200, (response.status, response.getheader("Location"))
    # Django saw HTTPS: it sends HSTS, which it only does on secure requests.
    assert "max-age=" in (response.getheader("Strict-Transport-Security") or "")


def test_plain_http_is_sent_to_https_once(site):
    https, plain = site
    response = Visitor("127.0.0.2", plain, tls=False).request("GET", "/accounts/login/")
    assert response.status == 301
    assert response.getheader("Location") == f"https://{HOST}:{plain}/accounts/login/"
    # The same path over HTTPS is the page itself, not another redirect.
    assert Visitor("127.0.0.2", https).request("GET", "/accounts/login/").status == 200


def test_the_session_cookie_is_secure_and_login_works_over_https(site):
    https, _ = site
    visitor = Visitor("127.0.0.4", https)
    response = visitor.log_in("dana", "correct horse battery")
    assert response.status == 302, response.text[:500]
    assert "secure" in response.getheader("Set-Cookie", "").lower()
    assert visitor.request("GET", "/").status == 200


def test_the_throttle_counts_each_real_client_apart(site):
    https, _ = site
    guesser, owner = Visitor("127.0.0.2", https), Visitor("127.0.0.3", https)
    for _ in range(3):
        assert guesser.log_in("dana", "wrong guess").status == 200
    assert guesser.log_in("dana", "correct horse battery").status == 429
    # Claiming another address in X-Forwarded-For does not help: the proxy adds the real one last.
    assert guesser.log_in("dana", "correct horse battery", {"X-Forwarded-For": "198.51.100.7"}).status == 429
    # The owner, elsewhere, is not locked out by someone else's guesses.
    assert owner.log_in("dana", "correct horse battery").status == 302


def test_card_photos_of_several_megabytes_pass_the_proxy_and_the_server(site):
    """nginx's own default (1 MB) would refuse a phone's card photos with 413; the README's
    recipe raises it, and `clinch serve` reads the upload and answers with its own page."""
    https, _ = site
    visitor = Visitor("127.0.0.5", https)
    assert visitor.log_in("dana", "correct horse battery").status == 302
    page = visitor.request("GET", "/cards/scan/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    boundary = "clinchboundary"
    photo = bytes(range(256)) * (3 * 1024 * 4)  # 3 MB that is not a picture
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'.encode()]
    for number in (1, 2):
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="photos"; filename="card{number}.jpg"\r\n'
                     f"Content-Type: image/jpeg\r\n\r\n".encode() + photo + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    response = visitor.request_raw("POST", "/cards/scan/", body, f"multipart/form-data; boundary={boundary}")
    # The app read both files and says, on its own page, that they are not photos it can read.
    assert response.status == 422, response.text[:300]
    assert "not a photo Clinch can read" in response.text


def test_a_body_over_the_limit_is_refused_at_the_proxy(site):
    https, _ = site
    response = Visitor("127.0.0.5", https).request(
        "POST", "/cards/scan/", headers={"Content-Length": str(200 * 1024 * 1024)}, send_body=False)
    assert response.status == 413
