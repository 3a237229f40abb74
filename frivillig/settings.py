"""Settings for Frivilligportalen. Everything that differs between machines comes from the
environment (see README), so one build runs the demo, CI and production."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from frivillig.accounts.identity_providers import social_providers_from_env
from frivillig.env import env_bool, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
DATA_DIR = Path(env_str("DATA_DIR", str(PROJECT_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
# The fallback key only exists so that `make demo` and the tests start without set-up;
# `check --deploy` rejects it and production must set SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-dev-key-only-for-the-demo-and-the-tests")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The municipality that runs this instance: all of it is configuration, none of it code.
MUNICIPALITY = {
    "name": env_str("MUNICIPALITY_NAME", "Aalborg Kommune"),
    "short_name": env_str("MUNICIPALITY_SHORT_NAME", "Aalborg"),
    "website": env_str("MUNICIPALITY_WEBSITE", "https://www.aalborg.dk"),
    "office_name": env_str("VOLUNTEER_OFFICE_NAME", "Frivilligt socialt arbejde"),
    "office_address": env_str("VOLUNTEER_OFFICE_ADDRESS", "Danmarksgade 17, 9000 Aalborg"),
    "office_phone": env_str("VOLUNTEER_OFFICE_PHONE", "99 31 41 72"),
    "office_email": env_str("VOLUNTEER_OFFICE_EMAIL", "frivilligkontoret@example.dk"),
    "default_postal_code": env_str("MUNICIPALITY_DEFAULT_POSTAL_CODE", "9000"),
    # The insurance paragraph of every individual agreement. A council may insure volunteers'
    # liability and accidents (serviceloven § 18); each municipality states its own terms.
    "insurance_da": env_str(
        "AGREEMENT_INSURANCE_DA",
        "Aalborg Kommune har tegnet ansvars- og ulykkesforsikring for frivillige, der løser "
        "opgaver i samarbejde med kommunen. Foreninger har ofte deres egen forsikring; spørg din "
        "kontaktperson, hvilken der dækker dig.",
    ),
    "insurance_en": env_str(
        "AGREEMENT_INSURANCE_EN",
        "Aalborg Kommune insures volunteers who work with the municipality against liability "
        "and accidents. Associations often have their own insurance; ask your contact person "
        "which one covers you.",
    ),
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_tasks",
    "django_tasks_db",
    "frivillig.accounts",
    "frivillig.organisations",
    "frivillig.catalog",
    "frivillig.engagements",
    "frivillig.agreements",
    "frivillig.events",
    "frivillig.expenses",
    "frivillig.callouts",
    "frivillig.activity",
    "frivillig.notifications",
    "frivillig.dialog.messaging",
    "frivillig.dialog.announcements",
    "frivillig.dialog.ideas",
    "frivillig.dialog.consultations",
    "frivillig.dialog.feedback",
    "frivillig.recognition",
    "frivillig.portal",
    "frivillig.backoffice",
    "frivillig.coordination",
    "frivillig.api",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "frivillig.urls"
WSGI_APPLICATION = "frivillig.wsgi.application"

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
                "frivillig.portal.context_processors.municipality",
                "frivillig.dialog.messaging.context_processors.unread_messages",
            ],
            # Tests set this to raise on unknown variables (see conftest.py).
            "string_if_invalid": env_str("TEMPLATE_STRING_IF_INVALID", ""),
        },
    },
    {
        # Plain-text e-mails: HTML escaping would turn "Børn & Unge" into "Børn &amp; Unge".
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

# SQLite is the embedded default. WAL lets readers run beside the one writer, IMMEDIATE takes
# the write lock at BEGIN so two writers never deadlock on a lock upgrade, and the busy
# timeout makes a second writer wait instead of failing at once.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
}
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'frivillig.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests use an in-memory database, whose shared cache fails a second writer at once
    # instead of waiting. The concurrency tests need real files to race on (see Makefile).
    if env_str("SQLITE_TEST_FILE"):
        DATABASES["default"]["TEST"] = {"NAME": env_str("SQLITE_TEST_FILE")}
else:
    # How similar a title must be to a mistyped query (pg_trgm's `%>` operator, used only
    # when the words as written match nothing): 0.3 lets "fotbold" find "Fodboldtræner".
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c pg_trgm.word_similarity_threshold=0.3"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if env_str("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("REDIS_URL"),
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Copenhagen")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(PROJECT_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG and env_bool("STATIC_COMPRESS", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Frivilligportalen <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Production hardening: on by default whenever DEBUG is off, switchable for a plain-HTTP demo.
SECURE_SSL = env_bool("SECURE_SSL", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_SSL
CSRF_COOKIE_SECURE = SECURE_SSL
SECURE_SSL_REDIRECT = SECURE_SSL and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "31536000" if SECURE_SSL else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_SSL
SECURE_HSTS_PRELOAD = SECURE_SSL
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

CATALOG_PAGE_SIZE = 20

# Files that must never be public (expense receipts): outside any served directory.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(DATA_DIR / "private")))
# How a municipal unit pays mileage: "state" (the state's rates, as associations at most) or
# a fixed rate in kr/km set by the municipality.
EXPENSES_MUNICIPAL_MILEAGE_RATE = env_str("EXPENSES_MUNICIPAL_MILEAGE_RATE", "state")
# Receipts: what may be uploaded.
EXPENSES_RECEIPT_MAX_BYTES = 10 * 1024 * 1024

# Hours before a shift at which its volunteers are reminded by e-mail, one e-mail per window
# (`manage.py send_shift_reminders`, from cron), e.g. SHIFT_REMINDER_HOURS=48,3.
SHIFT_REMINDER_HOURS = [int(hours) for hours in env_list("SHIFT_REMINDER_HOURS", "48,3")]

# Background work (e-mail, reminders) through Django's tasks API. Production runs workers
# (`manage.py db_worker`) against the database queue; the demo and the tests run each task at
# once, in the request that enqueued it (after commit).
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Shows a banner that all content is fictional; `make demo` turns it on.
DEMO_MODE = env_bool("DEMO_MODE", False)

# Accounts (django-allauth): e-mail is the only identifier; people sign in with a code sent by
# e-mail or with a password, and must confirm their address (by code) before they are in.
# The User model keeps Django's `username` column; the adapter fills it with the e-mail.
# Rate limits are allauth's defaults (ACCOUNT_RATE_LIMITS unset; see docs/accounts.md).
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:my_page"
ACCOUNT_ADAPTER = "frivillig.accounts.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "frivillig.accounts.adapter.SocialAccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_EMAIL_VERIFICATION_SUPPORTS_RESEND = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_SUPPORTS_RESEND = True
# allauth's 3 minutes is too short for someone who has to open a webmail on a phone; three
# tries per code (allauth's default) keep guessing hopeless all the same.
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 10 * 60
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Frivilligportalen: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SECURE_SSL else "http"
ACCOUNT_LOGOUT_REDIRECT_URL = "portal:home"
SOCIALACCOUNT_EMAIL_REQUIRED = True
# Trust a provider's *verified* e-mail to sign in to an existing account with that address
# (e.g. staff through the municipality's directory). Off unless the operator turns it on.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = env_bool("SOCIALACCOUNT_TRUST_EMAIL", False)
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = SOCIALACCOUNT_EMAIL_AUTHENTICATION
SOCIALACCOUNT_STORE_TOKENS = False
# OpenID Connect and SAML providers come from the environment alone (docs/accounts.md);
# with none configured, no provider buttons are shown.
SOCIALACCOUNT_PROVIDERS = social_providers_from_env()
