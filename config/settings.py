"""Settings for every environment, read from environment variables.

Development defaults apply only when DEBUG is on; production (DEBUG off) refuses to start
without a SECRET_KEY, a TICKET_SIGNING_KEY and ALLOWED_HOSTS. Each variable is listed in README.md.
"""

import os
from collections.abc import Mapping
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105

# The tickets' Ed25519 signing seed (base64 of 32 random bytes) and the older seeds still accepted, so a
# key can be rotated without voiding printed tickets (tickets/codes.py). Never derived from SECRET_KEY in
# production: a weak or leaked SECRET_KEY must not make tickets forgeable, nor its rotation void them.
TICKET_SIGNING_KEY = os.environ.get("TICKET_SIGNING_KEY", "")
TICKET_SIGNING_KEY_FALLBACKS = env_list("TICKET_SIGNING_KEY_FALLBACKS")
if not DEBUG and not TICKET_SIGNING_KEY:
    raise ImproperlyConfigured(
        "TICKET_SIGNING_KEY must be set when DEBUG is off (base64 of 32 random bytes; make one with "
        '`python -c "import base64, os; print(base64.b64encode(os.urandom(32)).decode())"`).'
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")


def site_url(environ: Mapping[str, str], *, debug: bool) -> str:
    """SITE_URL when set; in development the local server on PORT (`make run PORT=8311` passes it), so mail
    links, the API's `url` fields and printed links point at the server actually running."""
    port = environ.get("PORT", "8000") if debug else "8000"
    return environ.get("SITE_URL", f"http://127.0.0.1:{port}").rstrip("/")


SITE_URL = site_url(os.environ, debug=DEBUG)

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # intcomma: counts grouped in the page's language
    "django.forms",  # its widget templates, for FORM_RENDERER over TEMPLATES
    "django_htmx",
    "template_partials",
    "ninja",
    "csp",
    "corsheaders",
    "core",
    "events",
    "tickets",
    "tickets.checkin",
    "schools",
    "exhibitors",
    "talks",
    "console",
    "demo",
]

MIDDLEWARE = [
    "core.logging.RequestLogMiddleware",
    "core.http.HeadAsGetMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.http.RefuseLargeBodyMiddleware",  # before anything reads a body: a 300 MB upload is never parsed
    "core.http.RefuseNulMiddleware",  # after the language is known: its 400 page is in the visitor's language
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.login_throttle.LoginThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "core.csp.StaticPolicyCSPMiddleware",  # django-csp's, its text built once (core/csp.py)
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "talks.context_processors.call_for_proposals",
            ],
        },
    }
]

FORM_RENDERER = "core.forms.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django turns psycopg's prepared statements off; only the scan's hot path asks for them
    # (tickets/checkin/compiled.py, server-side binding), every other query is bound client-side and never
    # prepared. DB_PREPARED_STATEMENTS=0 behind a pooler that cannot keep them.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = (
        5 if env_bool("DB_PREPARED_STATEMENTS", default=True) else None
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite serializes writers; a busy timeout turns "database is locked" into a short wait.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Short socket timeouts: a Redis that hangs must not hang requests (core/cache_guard.py falls back).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The programme, the feeds and the exhibitor directory are cached this long at most (core/caching.py);
# any change to their content invalidates them at once. 0 switches the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# Internationalisation: French first (default), Dutch equally, English third.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Brussels")
USE_I18N = True
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_LANGUAGES = ("fr", "nl", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fr", "nl", "en"), "fr": ("nl", "en"), "nl": ("fr", "en")}
# The language tabs of the back office need jQuery UI: served from static/vendor/ (npm, copied by Makefile),
# never from the CDN modeltranslation defaults to, which the Content-Security-Policy blocks.
JQUERY_UI_URL = "vendor/jquery-ui.min.js"  # read by django-modeltranslation under this name

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Mail: printed to the console in development, SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# Seconds an SMTP connection may wait on the mail server: a server that accepts and never answers must not
# hold a worker (the outbox sender keeps the mail queued and retries it).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Printemps Numérique <info@printemps-numerique.brussels>"
)
# On: a mail is sent right after its transaction commits, in the request that queued it (development, a
# single small server). Off: the request only queues it and `send_queued_mail --loop` sends it (and renders
# its PDF), so neither a registration spike nor a slow mail server holds the visitors' requests. Off by
# default in production (DEBUG off).
MAIL_SEND_AFTER_COMMIT = env_bool("MAIL_SEND_AFTER_COMMIT", DEBUG)

# Security: production values switch on when DEBUG is off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", not DEBUG) else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("COOKIES_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("COOKIES_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Schedule viewers and partners' widgets read the public read-only resources from their own sites (any
# origin, no credentials): the API but its device endpoints, the programme's calendar feeds and the schedule
# files. Never the personal agenda feed (its URL is a secret), the scanner, staff or manage pages.
CORS_URLS_REGEX = (
    r"^/(?:api/v1/(?!checkins(?:/|$)|devices/)"
    r"|(?:(?:[a-z]{2}/)?programme(?:/(?:days|themes|sessions)/[^/]+)?\.ics|schedule\.(?:xml|json))$)"
)
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag"]

# A NUL character is refused with 400 everywhere (core.http.RefuseNulMiddleware) but in the scans' bodies: a
# code read by a camera is opaque text, and a forged one is answered "rejected", never with an error.
NUL_ALLOWED_IN_BODY = r"^/api/v1/checkins(?:/sync)?$"

# No inline scripts anywhere: every script is a static file served by the app itself.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "media-src": [SELF, "data:", "blob:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "worker-src": [SELF],
        "manifest-src": [SELF],
    }
}

# The organizers, shown in every page's footer and on the help page ("human by default").
ORGANIZER = {
    "name": os.environ.get("ORGANIZER_NAME", "Paradigm"),
    "phone": os.environ.get("ORGANIZER_PHONE", "+32 2 282 47 70"),
    "email": os.environ.get("ORGANIZER_EMAIL", "info@printemps-numerique.brussels"),
    "street": os.environ.get("ORGANIZER_STREET", "Avenue des Arts 21"),
    "city": os.environ.get("ORGANIZER_CITY", "1000 Bruxelles"),
    # Brussels names its streets in both languages: Dutch pages and mails give the Dutch ones.
    "street_nl": os.environ.get("ORGANIZER_STREET_NL", "Kunstlaan 21"),
    "city_nl": os.environ.get("ORGANIZER_CITY_NL", "1000 Brussel"),
}
# The apps whose models the "Organizers" group may manage in the back office.
ORGANIZER_APP_LABELS = ["events", "tickets", "checkin", "schools", "exhibitors", "talks"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "core.logging.RedactPersonalData"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # The dev server's own access lines print raw paths; our access logger prints routes instead.
        "django.server": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "printemps.access": {"level": "INFO" if env_bool("ACCESS_LOG", True) else "WARNING"},
    },
}

NINJA_PAGINATION_PER_PAGE = 50

# Concurrency guards: each keeps an invariant under concurrent requests (a lock or a conflict-free insert).
# Only the control runs of the concurrency tests switch them off, to show the invariant breaking.
CONCURRENCY_GUARD_TICKETS_CAPACITY = True  # places of a day: the day row is locked while they are taken
CONCURRENCY_GUARD_SCHOOLS_CAPACITY = True  # places of a workshop slot: slot and school rows locked
CONCURRENCY_GUARD_CHECKIN = True  # a ticket counted in once: the scan's conflict-free insert
CONCURRENCY_GUARD_EXHIBITORS_STAFF = True  # staff badges per stand: the exhibitor row locked
CONCURRENCY_GUARD_CONSOLE_ACTIONS = True  # a staff action on a registration: its row locked, then the nonce

TICKETS_MAX_COMPANIONS = 5
TICKETS_MAX_REGISTRATIONS_PER_EMAIL = int(os.environ.get("TICKETS_MAX_REGISTRATIONS_PER_EMAIL", "4"))
# Form submissions per client address: "<count>/<seconds>" (through the cache: Redis in production).
TICKETS_RATE_LIMIT = tuple(int(n) for n in os.environ.get("TICKETS_RATE_LIMIT", "20/3600").split("/"))
# Reverse proxies in front of the app that each add an X-Forwarded-For entry: every rate limit and throttle
# counts by the client address they saw (core/clients.py). TICKETS_TRUSTED_PROXY_HOPS is its former name.
TRUSTED_PROXY_HOPS = int(
    os.environ.get(
        "TRUSTED_PROXY_HOPS",
        os.environ.get("TICKETS_TRUSTED_PROXY_HOPS", "1" if env_bool("BEHIND_PROXY", not DEBUG) else "0"),
    )
)
# Mails a visitor may have sent again ("count/seconds"): per registration, per e-mail address, per client
# address (windows are clock hours and UTC days).
TICKETS_RESEND_LIMIT = os.environ.get("TICKETS_RESEND_LIMIT", "3/86400")
TICKETS_NEW_LINK_LIMIT = os.environ.get("TICKETS_NEW_LINK_LIMIT", "3/3600")
TICKETS_MAILS_PER_EMAIL_LIMIT = os.environ.get("TICKETS_MAILS_PER_EMAIL_LIMIT", "6/86400")
TICKETS_LOST_LIMIT = os.environ.get("TICKETS_LOST_LIMIT", "5/86400")
TICKETS_CONFIRM_LINK_LIMIT = os.environ.get("TICKETS_CONFIRM_LINK_LIMIT", "3/86400")  # e-mail check link
# Online class bookings (each mails a confirmation link): per client address, per teacher e-mail address.
# The largest request body read at all (a Pecha Kucha deck of 20 slides is the largest upload): larger ones
# get 413 before they are parsed (core.http.RefuseLargeBodyMiddleware).
REQUEST_BODY_MAX_BYTES = int(os.environ.get("REQUEST_BODY_MAX_BYTES", str(80 * 1024 * 1024)))
# Proposals sent to a call for proposals, per client address ("count/seconds").
TALKS_SUBMIT_RATE_LIMIT = os.environ.get("TALKS_SUBMIT_RATE_LIMIT", "10/3600")
SCHOOLS_BOOKING_RATE_LIMIT = os.environ.get("SCHOOLS_BOOKING_RATE_LIMIT", "10/3600")
SCHOOLS_MAILS_LIMIT = os.environ.get("SCHOOLS_MAILS_LIMIT", "5/86400")
TICKETS_WAITING_LIST_OFFER_HOURS = int(os.environ.get("TICKETS_WAITING_LIST_OFFER_HOURS", "24"))
TICKETS_ANONYMIZE_AFTER_DAYS = int(os.environ.get("TICKETS_ANONYMIZE_AFTER_DAYS", "183"))
TICKETS_MANAGE_LINK_INTERVAL = 3600
