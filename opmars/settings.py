"""Settings come from the environment, with safe defaults: SQLite in OPMARS_DATA_DIR."""

import os
import re
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("OPMARS_DATA_DIR", Path.cwd() / "var")).resolve()


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_bool(name, default=False):
    """A yes/no setting; anything else stops the start (a typo must not quietly mean no)."""
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word not in TRUE_WORDS | FALSE_WORDS:
        raise ImproperlyConfigured(f"{name}={value!r}: gebruik 1/0, true/false, yes/no of on/off.")
    return word in TRUE_WORDS


DEBUG = env_bool("OPMARS_DEBUG")
# The demo marks the whole site: a banner on every page and noindex for search engines.
DEMO_MODE = env_bool("OPMARS_DEMO")


def local_secret_key(data_dir):
    """A random key of this data directory, made on first use: an installation without
    OPMARS_SECRET_KEY never signs with a key anyone else knows. `opmars serve` accepts it in
    demo mode only; production sets one key for all its servers (docs/configuration.md)."""
    path = data_dir / "secret_key"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".secret_key.{os.getpid()}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as secret_file:
            secret_file.write(secrets.token_urlsafe(50))
        try:
            os.link(temporary, path)  # atomic: of two processes starting at once, one key wins
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    return path.read_text().strip()


SECRET_KEY_OF_ITS_OWN = bool(os.environ.get("OPMARS_SECRET_KEY"))
SECRET_KEY = os.environ.get("OPMARS_SECRET_KEY") or local_secret_key(DATA_DIR)
ALLOWED_HOSTS = [
    h for h in os.environ.get("OPMARS_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("OPMARS_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]
SITE_URL = os.environ.get("OPMARS_SITE_URL", "http://127.0.0.1:8000")
# Optional online tile layer for the map, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png
MAP_TILE_URL = os.environ.get("OPMARS_MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("OPMARS_MAP_TILE_ATTRIBUTION", "")
# Limits of one import file (against abuse: huge files, endless rows).
OPMARS_IMPORT_MAX_MB = int(os.environ.get("OPMARS_IMPORT_MAX_MB", "50"))
OPMARS_IMPORT_MAX_ROWS = int(os.environ.get("OPMARS_IMPORT_MAX_ROWS", "200000"))
# Limits of one harvest (docs/harvest.md): the largest file fetched, and seconds to wait for it.
OPMARS_HARVEST_MAX_MB = int(os.environ.get("OPMARS_HARVEST_MAX_MB", "200"))
OPMARS_HARVEST_TIMEOUT = int(os.environ.get("OPMARS_HARVEST_TIMEOUT", "30"))
# The licence of the open-data dump and exports.
OPMARS_OPEN_DATA_LICENCE = os.environ.get("OPMARS_OPEN_DATA_LICENCE", "CC-BY-4.0")
# API writes one user may make per period, in django-ratelimit's notation (60/m, 1000/h).
OPMARS_API_WRITE_RATE = os.environ.get("OPMARS_API_WRITE_RATE", "60/m")
if not re.fullmatch(r"[1-9]\d*/\d*[smhd]", OPMARS_API_WRITE_RATE):
    raise ImproperlyConfigured(
        f"OPMARS_API_WRITE_RATE={OPMARS_API_WRITE_RATE!r}: use a count per period, like 60/m."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_ratelimit",
    "opmars.security",
    "django_tasks",
    "django_tasks_db",
    "opmars.accounts",
    "opmars.geo",
    "opmars.registry",
    "opmars.networks",
    "opmars.impact",
    "opmars.knowledge",
    "opmars.dataio",
    "opmars.monitor",
    "opmars.embeds",
    "opmars.linkeddata",
    "opmars.harvest",
    "opmars.finance",
    "opmars.rights",
    "opmars.api",
    "opmars.web",
    "opmars.caching",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # First: it decides which database this request reads from, before anything reads.
    "opmars.replicas.read_from_replicas",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "opmars.security.twofactor.require_second_factor",
    # After the second factor: a token stands for its user on API reads (opmars/api/auth.py).
    "opmars.api.auth.token_reader",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "opmars.security.headers.permissions_policy",
    # Before the page cache, whose keys ignore Accept: RDF clients get 303 to .ttl/.jsonld.
    "opmars.linkeddata.negotiation.negotiate",
    # Inside the CSP middleware: a page served from the cache gets a fresh nonce in its policy.
    "opmars.caching.http.public_http_cache",
    "django_htmx.middleware.HtmxMiddleware",
    "opmars.web.middleware.demo_noindex",
    # Last, as django-axes asks: it turns a lock-out into the Dutch page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "opmars.urls"
WSGI_APPLICATION = "opmars.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "opmars.web.context.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'opmars.sqlite3'}",
        conn_max_age=int(os.environ.get("OPMARS_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers and the single writer work side by side under the production server.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# Read replicas (PostgreSQL streaming replicas), comma-separated; see opmars/replicas.py.
OPMARS_READ_REPLICAS = []
for _number, _url in enumerate(os.environ.get("OPMARS_REPLICA_DATABASE_URL", "").split(",")):
    if _url.strip():
        _alias = f"replica{_number + 1}"
        DATABASES[_alias] = dj_database_url.parse(
            _url.strip(), conn_max_age=DATABASES["default"]["CONN_MAX_AGE"]
        )
        # Tests run against the primary's test database only.
        DATABASES[_alias]["TEST"] = {"MIRROR": "default"}
        OPMARS_READ_REPLICAS.append(_alias)
DATABASE_ROUTERS = ["opmars.replicas.PrimaryReplicaRouter"]
# How long a client reads from the primary after it wrote: longer than the replicas' usual lag.
OPMARS_PRIMARY_PIN_SECONDS = int(os.environ.get("OPMARS_PRIMARY_PIN_SECONDS", "10"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cached values are keyed by the data generation (opmars/caching), so a write is seen at once;
# Redis shares the cache between processes and servers, local memory is per process.
CACHE_URL = os.environ.get("OPMARS_CACHE_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "opmars",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "opmars",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# How old (seconds) a cached public answer may be once a write has made it stale: anonymous
# visitors get it meanwhile, so a stream of writes does not recompute every answer each time.
# Logged-in users always get fresh answers. 0: every write shows to everyone at once.
OPMARS_CACHE_STALE_SECONDS = int(os.environ.get("OPMARS_CACHE_STALE_SECONDS", "60"))
# max-age of public API answers; 0: clients and proxies store them but ask (ETag) every time.
OPMARS_HTTP_MAX_AGE = int(os.environ.get("OPMARS_HTTP_MAX_AGE", "0"))

# Argon2 for new and re-hashed passwords; older PBKDF2 hashes still verify and are upgraded at
# the next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    # Counts failed logins and refuses a locked-out email address + IP before the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("leaflet", xstatic.pkg.leaflet.BASE_DIR),
    ("leaflet-markercluster", xstatic.pkg.leaflet_markercluster.BASE_DIR),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "opmars.web.storage.StaticStorage"},
}
# Under pytest (which sets PYTEST_VERSION) static files come from the finders, unhashed.
if env_bool("OPMARS_TESTING") or "PYTEST_VERSION" in os.environ:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    WHITENOISE_AUTOREFRESH = True
    WHITENOISE_USE_FINDERS = True

# Background work (big imports). "database": queued in the database and run by `opmars worker`;
# "immediate": run at once inside the request (tests and the demo, where no worker runs).
TESTING = env_bool("OPMARS_TESTING") or "PYTEST_VERSION" in os.environ
OPMARS_TASKS = os.environ.get("OPMARS_TASKS") or (
    "immediate" if DEMO_MODE or TESTING else "database"
)
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if OPMARS_TASKS == "database"
        else "django_tasks.backends.immediate.ImmediateBackend",
    }
}

EMAIL_BACKEND = os.environ.get(
    "OPMARS_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
# With the file backend (OPMARS_EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend)
# each mail lands as a file in this directory; the journey tests read them there.
EMAIL_FILE_PATH = os.environ.get("OPMARS_EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("OPMARS_FROM_EMAIL", "Opmars <noreply@opmars.localhost>")

# Security (docs/decisions/0029-login-security-and-headers.md).
HTTPS = SITE_URL.startswith("https://")
SESSION_COOKIE_SECURE = env_bool("OPMARS_SECURE_COOKIES", HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = int(os.environ.get("OPMARS_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "opmars.security.csrf.failure"
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (only then: the header is trusted).
BEHIND_HTTPS_PROXY = env_bool("OPMARS_BEHIND_HTTPS_PROXY")
if BEHIND_HTTPS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Redirecting http to https needs to know which requests came over https: without the proxy's
# header every request looks like http, and the redirect would loop.
SECURE_SSL_REDIRECT = env_bool("OPMARS_SSL_REDIRECT", HTTPS and BEHIND_HTTPS_PROXY)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("OPMARS_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("OPMARS_HSTS_PRELOAD", HTTPS)
# The request header with the client's address when a proxy sits in front, e.g.
# HTTP_X_FORWARDED_FOR; empty: the connection's address (REMOTE_ADDR).
OPMARS_CLIENT_IP_HEADER = os.environ.get("OPMARS_CLIENT_IP_HEADER", "")

# Login lock-out (django-axes): per email address and IP together, so nobody can lock out
# somebody else from another address.
AXES_FAILURE_LIMIT = int(os.environ.get("OPMARS_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("OPMARS_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The login form's field is "username" (holding the email), not the model's USERNAME_FIELD.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "opmars.security.lockout.username"
AXES_LOCKOUT_CALLABLE = "opmars.security.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "opmars.common.clientip.client_ip"
AXES_VERBOSE = False

# Two-factor login (django-otp TOTP). Staff must have it outside the demo.
OPMARS_STAFF_TWO_FACTOR = env_bool("OPMARS_STAFF_TWO_FACTOR", not DEMO_MODE)
OTP_TOTP_ISSUER = "Opmars"

# Content-Security-Policy (django-csp): no inline script at all; a page's own <style> block
# (colour swatches from the palette) carries the per-request nonce.
_TILE_ORIGIN = "/".join(MAP_TILE_URL.split("/")[:3]).replace("{s}.", "*.") if MAP_TILE_URL else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", *([_TILE_ORIGIN] if _TILE_ORIGIN else [])],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Rate limits (django-ratelimit) per client IP (or account when logged in), as count/period
# (s, m, h); "0" switches a limit off. Generous: meant against floods, not normal use.
OPMARS_RATE_LIMITS = {
    "search": os.environ.get("OPMARS_RATE_SEARCH", "600/m"),
    "calculator": os.environ.get("OPMARS_RATE_CALCULATOR", "300/m"),
    "export": os.environ.get("OPMARS_RATE_EXPORT", "60/m"),
    "peers": os.environ.get("OPMARS_RATE_PEERS", "300/m"),
    "pdf": os.environ.get("OPMARS_RATE_PDF", "30/m"),
    "reconcile": os.environ.get("OPMARS_RATE_RECONCILE", "60/m"),
    # Against spraying and mail floods: per client IP across accounts, or per account.
    "login_failures": os.environ.get("OPMARS_RATE_LOGIN_FAILURES_PER_IP", "30/h"),
    "signup": os.environ.get("OPMARS_RATE_SIGNUPS_PER_IP", "10/h"),
    "password_reset": os.environ.get("OPMARS_RATE_PASSWORD_RESETS_PER_IP", "10/h"),
    "password_reset_address": os.environ.get("OPMARS_RATE_PASSWORD_RESETS_PER_ADDRESS", "3/h"),
    "confirmation_mail": os.environ.get("OPMARS_RATE_CONFIRMATION_MAILS", "3/h"),
    "mail_actions": os.environ.get("OPMARS_RATE_MAIL_ACTIONS_PER_IP", "30/h"),
}
RATELIMIT_USE_CACHE = "default"
# django-ratelimit warns that a local-memory cache is per process, so each server worker counts
# on its own: the limit a client meets is at most workers × the configured rate. Accepted for
# a single-machine install; with OPMARS_CACHE_URL (Redis) the count is shared and exact.
# Django's own Redis backend increments atomically too, but is not on the package's list.
SILENCED_SYSTEM_CHECKS = {
    "django.core.cache.backends.locmem.LocMemCache": [
        "django_ratelimit.E003",
        "django_ratelimit.W001",
    ],
    "django.core.cache.backends.redis.RedisCache": ["django_ratelimit.W001"],
}.get(CACHES[RATELIMIT_USE_CACHE]["BACKEND"], [])

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("OPMARS_LOG_LEVEL", "WARNING")},
}
