"""``clinch serve``: the one-machine setup, the web app and one worker side by side."""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys

EPILOG = """\
examples:
  clinch serve                      http://127.0.0.1:8000 on SQLite under ./var
  clinch serve --port 9000 --threads 8
  DATABASE_URL=postgres://clinch@db/clinch clinch serve --host 0.0.0.0 --no-worker
"""


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="run the web app and a sending worker (one machine)",
        description="Migrate the database, then serve the web app with waitress "
        "(a production WSGI server) and run one sending worker beside it.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    parser.add_argument("--threads", type=int, default=4, help="web threads (default 4)")
    parser.add_argument("--no-worker", action="store_true", help="serve pages only; run `clinch worker` elsewhere")
    parser.add_argument("--no-migrate", action="store_true", help="skip applying database migrations at start")
    parser.set_defaults(run=run)


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def site_url_for(host: str, port: int, environ=os.environ) -> str:
    """SITE_URL as set, else this server's own address, so links in mail and the calendar
    address follow ``--port`` (a wildcard host is reached on this machine as 127.0.0.1)."""
    if environ.get("SITE_URL"):
        return environ["SITE_URL"]
    shown = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    return f"http://[{shown}]:{port}" if ":" in shown else f"http://{shown}:{port}"


def run(args) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinch.settings")
    os.umask(0o077)  # the database, its WAL and the secrets it creates are the owner's alone
    # Before Django reads its settings; the worker started below inherits it.
    os.environ["SITE_URL"] = site_url_for(args.host, args.port)
    if not port_is_free(args.host, args.port):
        print(
            f"clinch: port {args.port} on {args.host} is already in use; "
            f"stop what uses it or choose another with --port",
            file=sys.stderr,
        )
        return 2
    from clinch.startup import exit_on_startup_error

    with exit_on_startup_error():
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        connection.ensure_connection()
        if not args.no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        connection.close()

    worker = None if args.no_worker else start_worker()
    try:
        from waitress import serve

        from clinch.wsgi import application

        print(f"Clinch is running at http://{args.host}:{args.port}/ (Ctrl-C to stop)", flush=True)
        serve(application, host=args.host, port=args.port, **server_options(args.threads))
    finally:
        stop_worker(worker)
    return 0


def server_options(threads: int) -> dict:
    """waitress's settings for `clinch serve`: its threads, a body limit and the proxy trust."""
    from django.conf import settings

    return {"threads": threads, "ident": "clinch", "max_request_body_size": settings.MAX_REQUEST_BYTES,
            **proxy_options()}


def proxy_options() -> dict:
    """waitress's trust in the reverse proxy, from TRUST_PROXY and TRUSTED_PROXY.

    Without it waitress strips X-Forwarded-For and -Proto: every visitor would share
    the proxy's address (one throttle for all) and HTTPS would look like HTTP (with
    SECURE=true, every page would redirect to itself). With it, a request from the
    proxy's address gets the client address the proxy appended and the scheme it saw;
    the same headers from anyone else are still dropped.
    """
    from django.conf import settings

    if not settings.TRUST_PROXY:
        return {}
    return {
        "trusted_proxy": settings.TRUSTED_PROXY,
        "trusted_proxy_count": 1,
        "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"},
        "clear_untrusted_proxy_headers": True,
    }


def start_worker() -> subprocess.Popen:
    """The worker runs as its own process, so a slow SMTP server never stalls a page."""
    return subprocess.Popen([sys.executable, "-m", "clinch.cli", "worker"])


def stop_worker(worker: subprocess.Popen | None) -> None:
    if worker is None or worker.poll() is not None:
        return
    worker.terminate()  # SIGTERM: the worker finishes the message in flight, then exits
    try:
        worker.wait(timeout=60)
    except subprocess.TimeoutExpired:
        worker.kill()
