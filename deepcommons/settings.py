"""DeepCommons settings, read from the environment.

Every variable is documented in `.env.example`. Defaults give a working
single-machine site: SQLite in the data folder, local-memory cache, mail on
the console, DEBUG off.

One module on purpose, a little past the house style's ~400 lines: STYLE.md
§25 asks for a single settings.py, and splitting it by topic would hide
which environment variable sets what.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DATA_DIR = Path(env_str("DEEPCOMMONS_DATA_DIR", str(BASE_DIR / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use SECRET_KEY from the environment, else one generated once per data folder."""
    key = env_str("SECRET_KEY")
    if key:
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("DEEPCOMMONS_TESTING", "pytest" in sys.modules)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Reputation amounts (reputation/rules.py) and privilege thresholds
# (accounts/privileges.py), as JSON objects overriding the defaults.
REPUTATION_RULES: dict[str, int] = json.loads(env_str("REPUTATION_RULES", "{}"))
REPUTATION_PRIVILEGES: dict[str, int] = json.loads(env_str("REPUTATION_PRIVILEGES", "{}"))
# Served over HTTPS (behind a proxy that sets X-Forwarded-Proto): turns on
# secure cookies, HSTS and the HTTPS redirect.
HTTPS = env_bool("HTTPS", SITE_URL.startswith("https://"))

INSTALLED_APPS = [
    "deepcommons.core",
    "deepcommons.accounts",
    "deepcommons.social",
    "deepcommons.spaces",
    "deepcommons.posts",
    "deepcommons.reputation",
    "deepcommons.moderation",
    "deepcommons.events",
    "deepcommons.competitions",
    "deepcommons.orgs",
    "deepcommons.careers",
    "deepcommons.learning",
    "deepcommons.search",
    "deepcommons.analytics",
    "deepcommons.ops",
    "deepcommons.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.github",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.openid_connect",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "ninja",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "deepcommons.core.middleware.RejectNullBytesMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "deepcommons.moderation.abuse.middleware.RateLimitMiddleware",
    "deepcommons.accounts.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "deepcommons.analytics.listeners.RecordVisitMiddleware",
    "deepcommons.reputation.middleware.ReadingMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "deepcommons.urls"
WSGI_APPLICATION = "deepcommons.wsgi.application"
ASGI_APPLICATION = "deepcommons.asgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "deepcommons" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "deepcommons.core.context_processors.site",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

# Database: SQLite in the data folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'deepcommons.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            # Read pages through a memory map instead of a read() per page:
            # about a third off searches that look up many rows.
            "PRAGMA mmap_size=1073741824;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions: Redis when REDIS_URL is set.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL and TESTING:
    # Parallel test workers each get their own Redis database, so one
    # worker's cache.clear() cannot wipe another's counters.
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    REDIS_URL = REDIS_URL.rsplit("/", 1)[0] + f"/{1 + int(_worker or 0) % 14}"
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "dc"),
        }
    }
    # Sessions are read from Redis and written through to the database, so a
    # Redis restart does not log everybody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0"}}
# `manage.py rqworker` must build django-tasks' own job class, or every task
# fails with "'Task' object is not callable".
RQ = {"JOB_CLASS": "django_tasks_rq.backend.Job"}

# Background tasks (django-tasks): the database backend (`manage.py db_worker`)
# by default, RQ on Redis (`manage.py rqworker default`) when REDIS_URL is set,
# and inline under pytest.
if TESTING:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
elif REDIS_URL:
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# django-allauth
ACCOUNT_ADAPTER = "deepcommons.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "deepcommons.accounts.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None  # show a "Remember me" box
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_USERNAME_VALIDATORS = "deepcommons.accounts.validators.username_validators"
ACCOUNT_USER_DISPLAY = "deepcommons.accounts.models.user_display"
ACCOUNT_SIGNUP_FORM_CLASS = None
ACCOUNT_RATE_LIMITS = {
    # 5 failures per account or 20 per IP within 15 minutes.
    "login_failed": "20/15m/ip,5/15m/key",
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[DeepCommons] "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG or TESTING
MFA_TOTP_ISSUER = "DeepCommons"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_LOGIN_ON_GET = False


def _social_providers() -> dict[str, dict[str, object]]:
    """Providers whose keys are configured; a provider without keys is not shown."""
    providers: dict[str, dict[str, object]] = {}
    if env_str("GITHUB_CLIENT_ID"):
        providers["github"] = {
            "APPS": [
                {
                    "client_id": env_str("GITHUB_CLIENT_ID"),
                    "secret": env_str("GITHUB_CLIENT_SECRET"),
                }
            ],
            "SCOPE": ["read:user", "user:email"],
        }
    if env_str("GOOGLE_CLIENT_ID"):
        providers["google"] = {
            "APPS": [
                {
                    "client_id": env_str("GOOGLE_CLIENT_ID"),
                    "secret": env_str("GOOGLE_CLIENT_SECRET"),
                }
            ],
            "SCOPE": ["profile", "email"],
        }
    if env_str("OIDC_CLIENT_ID") and env_str("OIDC_SERVER_URL"):
        providers["openid_connect"] = {
            "APPS": [
                {
                    "provider_id": "oidc",
                    "name": env_str("OIDC_NAME", "OpenID Connect"),
                    "client_id": env_str("OIDC_CLIENT_ID"),
                    "secret": env_str("OIDC_CLIENT_SECRET"),
                    "settings": {"server_url": env_str("OIDC_SERVER_URL")},
                }
            ]
        }
    return providers


SOCIALACCOUNT_PROVIDERS = _social_providers()

# Internationalisation: English and Simplified Chinese; the browser decides
# until the user picks.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "deepcommons" / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "dc_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

# Static and uploaded files
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "deepcommons" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Files that only some users may read (message attachments): never under
# MEDIA_ROOT, always served through a view that checks permission.
PRIVATE_MEDIA_ROOT = DATA_DIR / "private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", True)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 6 * 1024 * 1024
AVATAR_MAX_BYTES = 5 * 1024 * 1024
AVATAR_MAX_PIXELS = 4096
# Images in posts: bytes per file, pixels per image (width × height), uploads
# per member (core.ratelimit rate).
POST_IMAGE_MAX_BYTES = env_int("POST_IMAGE_MAX_BYTES", 5 * 1024 * 1024)
POST_IMAGE_MAX_PIXELS = env_int("POST_IMAGE_MAX_PIXELS", 40_000_000)
POST_IMAGE_UPLOAD_RATE = env_str("POST_IMAGE_UPLOAD_RATE", "30/h")

# Email: console unless EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "DeepCommons <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Security headers
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Behind a reverse proxy, the client address comes from X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "https:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'", "https:"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Feature settings (each module reads them with a default).
SOCIAL_BELL_POLL_SECONDS = env_int("SOCIAL_BELL_POLL_SECONDS", 30)
SEARCH_USER_DICT = env_str("SEARCH_USER_DICT")
SEARCH_RANK_WINDOW = env_int("SEARCH_RANK_WINDOW", 2000)
# Semantic similar questions when the optional extra is installed (`make semantic`).
# Off under pytest unless asked for: the semantic tests turn it on, so the rest of
# the suite neither loads the model nor depends on whether the extra is installed.
SEARCH_SEMANTIC = env_bool("SEARCH_SEMANTIC", not TESTING)
ANALYTICS_RETENTION_DAYS = env_int("ANALYTICS_RETENTION_DAYS", 730)

NINJA_PAGINATION_PER_PAGE = 20
API_TOKEN_FAILURES_PER_IP = "20/15m"

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Every test client builds its own middleware chain, and WhiteNoise would
    # list and stat every static file each time (about 40 ms per client, most
    # of a simple test). Looking files up on request, as it does under DEBUG,
    # serves the same files.
    WHITENOISE_AUTOREFRESH = True
