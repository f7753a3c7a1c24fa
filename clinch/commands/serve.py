"""``clinch serve``: the one-machine setup, the web app and one worker side by side."""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time

EPILOG = """\
examples:
  clinch serve                      http://127.0.0.1:8000 on SQLite under ./var
  clinch serve --port 9000 --threads 8
  clinch serve --processes 2        a web process per core, for many people at once
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
    parser.add_argument("--threads", type=int, default=4, help="web threads in each web process (default 4)")
    parser.add_argument("--processes", type=process_count, default=1, metavar="N",
                        help=f"web processes sharing the port, 1 to {MAX_PROCESSES} (default 1; one per core "
                        "for many users)")
    parser.add_argument("--no-worker", action="store_true", help="serve pages only; run `clinch worker` elsewhere")
    parser.add_argument("--no-migrate", action="store_true", help="skip applying database migrations at start")
    parser.set_defaults(run=run)


MAX_PROCESSES = 32


def process_count(text: str) -> int:
    """``--processes``: a whole number from 1 to MAX_PROCESSES."""
    try:
        count = int(text)
    except ValueError:
        count = 0
    if not 1 <= count <= MAX_PROCESSES:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes from 1 to {MAX_PROCESSES}")
    return count


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
        if args.processes == 1:
            serve(application, host=args.host, port=args.port, **server_options(args.threads))
        else:
            return serve_processes(application, args.host, args.port, args.processes, server_options(args.threads))
    finally:
        stop_worker(worker)
    return 0


def serve_processes(application, host: str, port: int, processes: int, options: dict) -> int:
    """Serve with ``processes`` web processes, forked from this one, all accepting on one socket.

    One Python process runs Python on one core at a time (the GIL), however many threads it
    has; a second process uses a second core. The socket is shared, so a process busy with a
    request leaves the next connection to an idle one. Each process has its own memory: the
    live-check budget (``clinch.web.live``) and the caches are per process. Returns when every
    process has ended: SIGTERM or Ctrl-C here ends them all, and so does one of them failing.
    """
    listener = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET,
                                    backlog=1024)
    from django.db import connections

    connections.close_all()  # no connection may be shared by the processes forked below
    children = {_fork_web(application, listener, options) for _ in range(processes)}
    listener.close()  # the processes hold it now
    signal.signal(signal.SIGTERM, _raise_exit)  # so the finally below runs on `kill` too
    status = 0
    try:
        while children and not status:
            time.sleep(0.5)  # each web process by its id: os.wait() would also reap the worker
            for pid in list(children):
                ended, code = os.waitpid(pid, os.WNOHANG)
                if ended:
                    children.discard(pid)
                    # One failed: stop the others rather than serve with fewer than asked.
                    status = status or (1 if code else 0)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        for pid in children:
            _signal(pid, signal.SIGTERM)
        for pid in children:
            os.waitpid(pid, 0)
    return status


def _fork_web(application, listener: socket.socket, options: dict) -> int:
    pid = os.fork()
    if pid:
        return pid
    code = 0
    try:
        from waitress import serve

        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        serve(application, sockets=[listener], **options)
    except KeyboardInterrupt:
        pass
    except BaseException:
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        os._exit(code)  # never return into the parent's code


def _raise_exit(signum, frame):
    raise SystemExit(0)


def _signal(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
    except ProcessLookupError:
        pass  # ended meanwhile


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
