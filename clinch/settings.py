"""Clinch's one settings module, read from the environment (see .env.example).

With nothing set, Clinch runs for one person on SQLite under ``var/``. Set
``DATABASE_URL`` to a PostgreSQL URL for many users and many workers.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from clinch.env import env_bool, env_int, env_list, env_str, mailer_from_url, secret_from_file

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("CLINCH_DATA_DIR") or Path.cwd() / "var").resolve()

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY") or secret_from_file(DATA_DIR / "secret_key")
# A separate key for mail account passwords, so rotating SECRET_KEY keeps them readable.
FIELD_ENCRYPTION_KEY = env_str("FIELD_ENCRYPTION_KEY") or secret_from_file(
    DATA_DIR / "field_encryption_key"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Behind a reverse proxy (nginx, Caddy, a load balancer): believe its X-Forwarded-For and
# X-Forwarded-Proto. TRUSTED_PROXY is the address the proxy connects from (or "*").
TRUST_PROXY = env_bool("TRUST_PROXY", False)
TRUSTED_PROXY = env_str("TRUSTED_PROXY", "127.0.0.1")
# The largest request body `clinch serve` reads: six card photos of 15 MB each in one upload,
# plus the form around them. Anything larger is refused (413) before it is read, so one client
# cannot hold a web thread, or the disk, with an endless body.
MAX_REQUEST_BYTES = 100 * 1024 * 1024

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "clinch.accounts",
    "clinch.interviews",
    "clinch.followups",
    "clinch.mail",
    "clinch.consult",
    "clinch.web",
    "clinch.api",
    "clinch.transfer",
    "clinch.hooks",
    "clinch.agency",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "clinch.permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "clinch.accounts.middleware.UserTimezoneMiddleware",
]

ROOT_URLCONF = "clinch.urls"
WSGI_APPLICATION = "clinch.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clinch.web.context.site",
            ],
        },
    }
]


def database_from_url(url: str) -> dict:
    """One database from ``DATABASE_URL``; SQLite gets the settings that keep writers apart."""
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    except (ValueError, dj_database_url.UnknownSchemeError) as error:
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a database Clinch knows ({error}); "
            "use sqlite:///path/to/file.sqlite3 or postgres://user@host:5432/name"
        ) from None
    engine = config["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        # The connection is kept between requests (each web thread its own), as for PostgreSQL:
        # opening one and running the pragmas below cost about 0.9 ms of CPU on every request.
        config["OPTIONS"] = {
            # IMMEDIATE takes the write lock at BEGIN, so two writers queue on the
            # busy timeout instead of failing with "database is locked" mid-transaction.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
            " PRAGMA busy_timeout=20000; PRAGMA foreign_keys=ON;",
        }
    elif engine == "django.db.backends.postgresql":
        config.setdefault("OPTIONS", {})["connect_timeout"] = env_int("DB_CONNECT_TIMEOUT", 5)
    else:
        raise ImproperlyConfigured(f"DATABASE_URL engine {engine} is not supported: use SQLite or PostgreSQL")
    return config


DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'clinch.sqlite3'}"
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
# How long the link that confirms an email address works.
EMAIL_VERIFY_MAX_AGE_SECONDS = env_int("EMAIL_VERIFY_MAX_AGE_SECONDS", 3 * 86400)
# "Send it again" mails an unconfirmed address at most once in this long (sign-up counts as one).
EMAIL_RESEND_INTERVAL_SECONDS = env_int("EMAIL_RESEND_INTERVAL_SECONDS", 300)
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", 900)
# Failures for one name from all clients together; a password reset always lifts it.
LOGIN_FAILURE_LIMIT_PER_ACCOUNT = env_int("LOGIN_FAILURE_LIMIT_PER_ACCOUNT", 50)

# Requests one API token may make per minute; more get 429 until the minute ends.
API_TOKEN_REQUESTS_PER_MINUTE = env_int("API_TOKEN_REQUESTS_PER_MINUTE", 600)
# Webhook deliveries: each call waits this long; retries back off from base to max, then give up.
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 10)
WEBHOOK_RETRY_BASE_SECONDS = env_int("WEBHOOK_RETRY_BASE_SECONDS", 30)
WEBHOOK_RETRY_MAX_SECONDS = env_int("WEBHOOK_RETRY_MAX_SECONDS", 3600)
WEBHOOK_MAX_ATTEMPTS = env_int("WEBHOOK_MAX_ATTEMPTS", 8)
# The largest page the API lists (a heavy user's whole plan); a larger `limit` is refused with 422.
API_MAX_PAGE = 1000

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "clinch_cache",
    }
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Only for `clinch manage collectstatic` behind a CDN; whitenoise serves the package files otherwise.
STATIC_ROOT = env_str("STATIC_ROOT") or None
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # serve straight from the package: no collectstatic step

MAIL_TIMEOUT_SECONDS = env_int("MAIL_TIMEOUT_SECONDS", 20)
MAILERS = {
    "default": mailer_from_url(env_str("MAIL_URL", "console:"), timeout=MAIL_TIMEOUT_SECONDS)
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Clinch <clinch@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
STAFF_NOTIFY_EMAILS = env_list("STAFF_NOTIFY_EMAILS", [])

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy: only this site's own scripts, styles, images and requests;
# no inline script or style (scripts are files in clinch/static/clinch/), no framing, no plugins.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
# Browser features, each with the origins allowed to use it (none: []). Views that need one
# widen it for themselves: clinch.permissions_policy.permissions_policy / allow_camera.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "camera", "microphone", "geolocation", "payment", "usb", "serial", "bluetooth", "hid", "midi",
        "display-capture", "screen-wake-lock", "xr-spatial-tracking", "accelerometer", "gyroscope",
        "magnetometer", "browsing-topics",
    )
}
# Production (HTTPS behind a proxy): set SECURE=true. Off for the local http://127.0.0.1 app.
SECURE = env_bool("SECURE", False)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
if TRUST_PROXY:
    # Only a proxy may say the visitor came over HTTPS; without one the header is the visitor's word.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The worker: how often it looks for due messages, and how long a claim lasts.
WORKER_POLL_SECONDS = env_int("WORKER_POLL_SECONDS", 5)
# SQLite has no notifications: a waiting worker looks this often, in ms (PostgreSQL wakes it with NOTIFY).
WORKER_SQLITE_POLL_MS = env_int("WORKER_SQLITE_POLL_MS", 500)
WORKER_LEASE_SECONDS = env_int("WORKER_LEASE_SECONDS", 120)
WORKER_STALE_AFTER_SECONDS = env_int("WORKER_STALE_AFTER_SECONDS", 300)
CONSULT_RETENTION_DAYS = env_int("CONSULT_RETENTION_DAYS", 365)
CLINCH_POLICY_FILE = env_str("CLINCH_POLICY")

# An optional second opinion on a draft's tone from a local model server that speaks the
# OpenAI-compatible chat API (llama.cpp's llama-server, Ollama): off while the URL is empty.
# Asked only when the user presses "Ask my local model" (clinch/followups/second_opinion.py).
LOCAL_MODEL_URL = env_str("LOCAL_MODEL_URL")
LOCAL_MODEL_NAME = env_str("LOCAL_MODEL_NAME")
LOCAL_MODEL_TIMEOUT_SECONDS = env_int("LOCAL_MODEL_TIMEOUT_SECONDS", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# --- Sending mail (clinch.mail) ---------------------------------------------
# SMTP 4xx answers and network errors are retried after MAIL_RETRY_BASE_SECONDS,
# doubling each time up to MAIL_RETRY_MAX_SECONDS, for at most MAIL_MAX_ATTEMPTS
# attempts (defaults: 1, 2, 4 ... 60 minutes, 15 attempts, about 9 hours); then the
# message is `failed` with the last answer. 5xx answers fail at once.
MAIL_RETRY_BASE_SECONDS = env_int("MAIL_RETRY_BASE_SECONDS", 60)
MAIL_RETRY_MAX_SECONDS = env_int("MAIL_RETRY_MAX_SECONDS", 3600)
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 15)
# The circuit breaker per mail account (clinch/mail/breaker.py): after MAIL_BREAKER_FAILURES
# timeouts or lost connections in a row (or one with no answer after the message was handed
# over) the account's queue waits MAIL_BREAKER_BASE_SECONDS, doubling up to the max.
MAIL_BREAKER_FAILURES = env_int("MAIL_BREAKER_FAILURES", 3)
MAIL_BREAKER_BASE_SECONDS = env_int("MAIL_BREAKER_BASE_SECONDS", 30)
MAIL_BREAKER_MAX_SECONDS = env_int("MAIL_BREAKER_MAX_SECONDS", 900)
# An agency's server-wide account: when true and MAIL_URL is smtp://, users without
# their own account send through it (From: DEFAULT_FROM_EMAIL with the user's name,
# Reply-To: the user's address).
MAIL_SERVER_ACCOUNT_FOR_USERS = env_bool("MAIL_SERVER_ACCOUNT_FOR_USERS", False)
# Users' own SMTP and IMAP servers are reached only at public addresses; loopback and
# private networks (a local relay, a bridge on 127.0.0.1) only when this is on. On with DEBUG.
MAIL_ALLOW_PRIVATE_HOSTS = env_bool("MAIL_ALLOW_PRIVATE_HOSTS", DEBUG)
# "Send a test message" runs in the web request: short timeouts, a few per user.
MAIL_TEST_TIMEOUT_SECONDS = env_int("MAIL_TEST_TIMEOUT_SECONDS", 8)
MAIL_TEST_LIMIT = env_int("MAIL_TEST_LIMIT", 5)
MAIL_TEST_WINDOW_SECONDS = env_int("MAIL_TEST_WINDOW_SECONDS", 600)
# How often the worker looks for replies in each IMAP inbox.
IMAP_POLL_SECONDS = env_int("IMAP_POLL_SECONDS", 300)
# "Connect with Google" / "Connect with Microsoft" (clinch/mail/oauth.py, docs/mail.md): the OAuth
# clients the administrator registered. A provider without a client id is not offered. The redirect
# URL to register is SITE_URL + /mail/oauth/callback/. Any key of clinch.mail.oauth.PROVIDERS may be
# overridden here (the tests point the endpoints and mail servers at loopback).
MAIL_OAUTH = {
    "google": {
        "client_id": env_str("MAIL_OAUTH_GOOGLE_CLIENT_ID"),
        "client_secret": env_str("MAIL_OAUTH_GOOGLE_CLIENT_SECRET"),
    },
    "microsoft": {
        "client_id": env_str("MAIL_OAUTH_MICROSOFT_CLIENT_ID"),
        "client_secret": env_str("MAIL_OAUTH_MICROSOFT_CLIENT_SECRET"),
        "tenant": env_str("MAIL_OAUTH_MICROSOFT_TENANT", "common"),
    },
}
# Old mail-password keys, still readable while `reencrypt_all` moves them to the new one.
FIELD_ENCRYPTION_OLD_KEYS = env_list("FIELD_ENCRYPTION_OLD_KEYS", [])

# --- Consultation requests (clinch.consult): spam traps on the public form. ---
# CONSULT_RETENTION_DAYS (above) sets how long closed requests are kept;
# STAFF_NOTIFY_EMAILS (above) who hears of new requests (default: every agency staff account).
# A submission sooner than this after the form was served is a script, not a person.
CONSULT_MIN_FILL_SECONDS = env_int("CONSULT_MIN_FILL_SECONDS", 3)
# An older form is shown again with what was typed, to be sent once more.
CONSULT_FORM_MAX_AGE_SECONDS = env_int("CONSULT_FORM_MAX_AGE_SECONDS", 86400)
# At most this many submissions per client address in the window; more get a 429 page.
CONSULT_RATE_LIMIT = env_int("CONSULT_RATE_LIMIT", 5)
CONSULT_RATE_WINDOW_SECONDS = env_int("CONSULT_RATE_WINDOW_SECONDS", 3600)
