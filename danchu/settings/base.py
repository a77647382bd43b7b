"""Settings shared by every environment. Environment-specific files import from here."""

from __future__ import annotations

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .env import BASE_DIR, VAR_DIR, database_config, env_list, env_str, site_url, smtp_mailer

SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "django_tasks_db",
    "danchu.core",
    "danchu.units",
    "danchu.accounts",
    "danchu.plans",
    "danchu.disclosures",
    "danchu.decisions",
    "danchu.consultations",
    "danchu.petitions",
    "danchu.conventions",
    "danchu.reception",
    "danchu.reports",
    "danchu.portal",
    "danchu.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "danchu.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "danchu.core.middleware.RequestContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "danchu.urls"
WSGI_APPLICATION = "danchu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "danchu" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "danchu.accounts.context_processors.workspace",
            ],
        },
    },
]

DATABASES = {"default": database_config(VAR_DIR / "danchu.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:workspace"
LOGOUT_REDIRECT_URL = "portal:home"

# django-axes: lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True

# Vietnamese first, English available.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "danchu" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Never group digits behind a template's back: ids, years, page numbers and codes print plain (1517, 2026),
# so links, form values and titles stay right. Quantities meant for people are grouped on purpose, in the
# active language, with `|intcomma` (django.contrib.humanize): 12.345 in Vietnamese, 12,345 in English.
USE_THOUSAND_SEPARATOR = False
# Django's own vi formats parse 01/07/2025 month-first; ours are day-first.
FORMAT_MODULE_PATH = ["danchu.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "danchu" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Mail goes to files under var/mail unless an SMTP server is configured (EMAIL_HOST).
MAILERS = (
    {"default": smtp_mailer()}
    if env_str("EMAIL_HOST")
    else {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
        }
    }
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "danchu <no-reply@localhost>")
# Links in emails sent outside a request (subscriptions, announcements) start with this address:
# DANCHU_SITE_URL, or http://DANCHU_ADDR, the address `make run` serves on.
DANCHU_SITE_URL = site_url()
# A subscription not confirmed within this many days is forgotten; its link no longer works.
DANCHU_SUBSCRIPTION_CONFIRM_DAYS = 7

# Pages use only our own vendored assets: nothing from a CDN.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

DANCHU_PERMISSION_POLICY = "danchu.accounts.permissions.UnitSubtreePolicy"

# Every uploaded file (plans, evidence, report imports) is refused above this size.
DANCHU_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
