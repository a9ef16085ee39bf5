"""Settings shared by every environment; each value comes from the environment with a safe default."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A form sent without a valid CSRF token (an expired page, blocked cookies) gets a page saying what to do.
CSRF_FAILURE_VIEW = "hub.core.views.csrf_failure"

INSTALLED_APPS = [
    "hub.core",
    "home",
    "handbook",
    "hub.updates",
    "hub.partners",
    "hub.cases",
    "hub.impact",
    "hub.resources",
    "hub.savings",
    "hub.readiness",
    "hub.feedback",
    "hub.handbook_pdf",
    "hub.page_cache",
    "search",
    "hub.accounts",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "hub.core.wagtail_apps.RedirectsConfig",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "hub.core.wagtail_apps.SnippetsConfig",
    "hub.core.wagtail_apps.DocumentsConfig",
    "hub.core.wagtail_apps.ImagesConfig",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "hub.core.middleware.ContentSecurityPolicyMiddleware",
    "hub.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "hub.core.generation.ContentGenerationMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "hub.core.middleware.RequestSizeLimitMiddleware",
    "hub.accounts.middleware.RequireTwoStepMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
    "hub.page_cache.middleware.AnonymousPageCacheMiddleware",
]

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite (WAL mode) is the embedded default; DATABASE_URL selects PostgreSQL in production.
SQLITE_PATH = os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3"))
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def database_from_env():
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return dj_database_url.parse(url, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")))
    return {"ENGINE": "django.db.backends.sqlite3", "NAME": SQLITE_PATH, "OPTIONS": SQLITE_OPTIONS}


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
WAGTAILIMAGES_IMAGE_MODEL = "core.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "core.CustomDocument"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Finnish is the source and default; URLs carry the language prefix.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The project's catalogue first, then the Finnish and Swedish admin strings that Wagtail's and wagtail-localize's
# own catalogues lack (kept apart so that `make messages` does not drop them).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "wagtail"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files of images and documents in private collections (unmoderated story images, login-restricted documents)
# live here, outside MEDIA_ROOT, so that no web server serving /media/ can serve them (see hub/core/media.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
# The app itself serves the public media folders (make serve); a real deployment lets its web server do it.
SERVE_MEDIA = env_bool("SERVE_MEDIA")
# Public forms: the largest request body accepted, the least time a person takes to fill in a form, and how many
# forms one client may send in a window of seconds.
MAX_REQUEST_BYTES = int(os.environ.get("MAX_REQUEST_BYTES", 20 * 1024 * 1024))
FORM_MIN_FILL_SECONDS = float(os.environ.get("FORM_MIN_FILL_SECONDS", 3))
# A form counts once per start token and a fifth per correction, and one form may be posted FORM_ATTEMPT_LIMIT times
# (see hub/core/protection.py); FORM_RATE_LIMIT=0 turns the limits off.
FORM_RATE_LIMIT = int(os.environ.get("FORM_RATE_LIMIT", 20))
FORM_ATTEMPT_LIMIT = int(os.environ.get("FORM_ATTEMPT_LIMIT", 10))
FORM_RATE_WINDOW = int(os.environ.get("FORM_RATE_WINDOW", 600))
# Behind reverse proxies: how many of them add to X-Forwarded-For in front of the site (0: clients connect directly).
# The client is the address the outermost proxy saw; FORWARDED_FOR_TRUSTED=1 from earlier versions means one.
TRUSTED_PROXY_HOPS = int(os.environ.get("TRUSTED_PROXY_HOPS", 1 if env_bool("FORWARDED_FOR_TRUSTED") else 0))
# Uploaded images: the largest file, the most pixels in one image and in all the images of one form, checked
# from the files' headers before any image is decoded.
MAX_IMAGE_BYTES = int(os.environ.get("MAX_IMAGE_BYTES", 8 * 1024 * 1024))
MAX_IMAGE_PIXELS = int(os.environ.get("MAX_IMAGE_PIXELS", 25_000_000))
MAX_REQUEST_IMAGE_PIXELS = int(os.environ.get("MAX_REQUEST_IMAGE_PIXELS", 60_000_000))

# Personal data sent through the public forms (fields marked personal, a story's sender) is removed after this
# many days by `manage.py remove_personal_data`, run daily; the privacy notice states the same period.
PERSONAL_DATA_RETENTION_DAYS = int(os.environ.get("PERSONAL_DATA_RETENTION_DAYS", 365))
PERSONAL_DATA_CLEANERS = [
    "hub.feedback.retention.remove_personal_data",
    "hub.cases.retention.remove_personal_data",
    "hub.readiness.retention.remove_personal_data",
]

# Generated template files (ODF and PDF) are kept here by the digest of their source, so reloads reuse them.
GENERATED_FILES_CACHE = Path(os.environ.get("GENERATED_FILES_CACHE", BASE_DIR / ".cache" / "generated-files"))
# Uploaded files: on this machine by default, or in an S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is set
# (credentials from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY). Either way private files stay apart.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", True)
    AWS_S3_FILE_OVERWRITE = False
    MEDIA_BACKENDS = {
        "public": {"BACKEND": "storages.backends.s3.S3Storage"},
        "private": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {"location": "private"}},
    }
else:
    MEDIA_BACKENDS = {}  # MEDIA_ROOT and PRIVATE_MEDIA_ROOT
# Documents are always served through Wagtail's view, which checks their collection's view restrictions.
WAGTAILDOCS_SERVE_METHOD = os.environ.get("WAGTAILDOCS_SERVE_METHOD", "serve_view")
# Behind nginx, X_ACCEL_REDIRECT=1 lets nginx send a document's file once the view has allowed it (docs/nginx.conf).
if env_bool("X_ACCEL_REDIRECT"):
    SENDFILE_BACKEND = "hub.core.sendfile_nginx"
STORAGES = {
    "default": {"BACKEND": "hub.core.media.MediaStorage", "OPTIONS": MEDIA_BACKENDS},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Cache: local memory unless REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Page cache: whole pages for anonymous visitors, purged whenever what pages show changes (hub/page_cache).
# Redis when REDIS_URL is set, shared by every app server; otherwise files, shared by one server's workers.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 24 * 3600))  # 0: off
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_EXCLUDED_PATHS = ("/admin/", "/django-admin/")
if REDIS_URL:
    CACHES[PAGE_CACHE_ALIAS] = {**CACHES["default"], "KEY_PREFIX": "pages"}
else:
    CACHES[PAGE_CACHE_ALIAS] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(BASE_DIR / ".cache" / "pages")),
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }
# A reverse proxy or CDN in front may keep a page this long (s-maxage). Publishing purges the page itself there
# at once when FRONTEND_CACHE_PURGE_URL names the proxy's purge address; listings follow within this time.
FRONTEND_CACHE_SECONDS = int(os.environ.get("FRONTEND_CACHE_SECONDS", 60))
FRONTEND_CACHE_PURGE_URL = os.environ.get("FRONTEND_CACHE_PURGE_URL", "").strip()
if FRONTEND_CACHE_PURGE_URL:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }

# Search: the site's own index in the database (SQLite FTS5 or PostgreSQL full text) by default. When
# ELASTICSEARCH_URL or OPENSEARCH_URL is set, Wagtail's Elasticsearch 9 or OpenSearch 3 backend holds it instead,
# with the same pre-analysed terms (see search/elastic.py), and serves the admin's search too.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "").strip()
OPENSEARCH_URL = os.environ.get("OPENSEARCH_URL", "").strip()
if ELASTICSEARCH_URL or OPENSEARCH_URL:
    from search.engine_settings import ENGINE_INDEX_SETTINGS

    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends." + ("elasticsearch9" if ELASTICSEARCH_URL else "opensearch3"),
            "URLS": [ELASTICSEARCH_URL or OPENSEARCH_URL],
            "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "kylatyollistaa_"),
            "INDEX_SETTINGS": ENGINE_INDEX_SETTINGS,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.admin_backend"}}
# The query log (the editors' report, "popular terms" for promoted results) keeps at most this many distinct terms.
SEARCH_QUERY_LOG_MAX = int(os.environ.get("SEARCH_QUERY_LOG_MAX", 10_000))

# Background work (the handbook's PDFs, Wagtail's own tasks): queued in the database and run by `manage.py db_worker`,
# which `make run` and `make serve` start beside the server; TASKS_BACKEND names another backend.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# Publishing a page the handbook's PDF shows queues a rebuild of that language's PDF (hub/handbook_pdf).
HANDBOOK_PDF_REBUILD_ON_PUBLISH = env_bool("HANDBOOK_PDF_REBUILD_ON_PUBLISH", True)

# Email: the console by default; SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "").strip()
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kylä työllistää <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Machine translation in wagtail-localize's translation editor: DeepL when DEEPL_AUTH_KEY is set.
DEEPL_AUTH_KEY = os.environ.get("DEEPL_AUTH_KEY", "").strip()
if DEEPL_AUTH_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_AUTH_KEY},
    }

WAGTAIL_SITE_NAME = "Kylä työllistää"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "odp", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No Gravatar in the admin: editors' email hashes are not sent elsewhere, and avatars work offline.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# The content-as-code loaders, run in this order by `manage.py load_content`.
CONTENT_LOADERS = [
    "hub.core.loader.load_taxonomies",
    "home.loader.load",
    "hub.core.loader.load_standard_pages",
    "handbook.loader.load",
    "hub.updates.loader.load",
    "hub.partners.loader.load",
    "hub.resources.loader.load",
    "hub.savings.loader.load",
    "hub.readiness.loader.load",
    "hub.cases.loader.load",
    "hub.impact.loader.load",
    "hub.feedback.loader.load",
    "search.indexing.index_split_languages",
]

# Admin sign-in. After ADMIN_LOGIN_FAILURE_LIMIT failed attempts on one account from one client address (taken as
# for the public forms), signing in to that account from there is refused for ADMIN_LOGIN_COOLOFF_MINUTES.
# A user who has turned on two-step verification also gives a code from an authenticator app; ADMIN_REQUIRE_2FA
# makes everyone set one up before using the admin.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("ADMIN_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ADMIN_LOGIN_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are not stored with their addresses
AXES_CLIENT_IP_CALLABLE = "hub.core.protection.client_address"
AXES_LOCKOUT_CALLABLE = "hub.accounts.lockout.lockout_response"
WAGTAILADMIN_USER_LOGIN_FORM = "hub.accounts.forms.TwoStepLoginForm"
WAGTAIL_FRONTEND_LOGIN_URL = "/admin/login/"
ADMIN_REQUIRE_2FA = env_bool("ADMIN_REQUIRE_2FA")
OTP_TOTP_ISSUER = "Kylä työllistää"
# A signed-in session lasts this many seconds ("Remember me"; otherwise until the browser is closed).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 3600))

# Content-Security-Policy: the public pages load scripts, styles, images and fonts only from the site itself and
# have nothing inline. Wagtail's admin needs inline scripts and styles, so it has a policy of its own.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "connect-src": ["'self'", "https://releases.wagtail.org"],
    }
}
PERMISSIONS_POLICY_DISABLED = [
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
]

LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
# Logs go to stderr without personal data: a failed request as status, method and path, an exception as where and
# what (hub/core/log_format.py). Django's own handlers, whose error emails carry the posted form, are not used.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"private": {"()": "hub.core.log_format.PrivateFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "private"}},
    "loggers": {"django": {"handlers": [], "level": LOG_LEVEL, "propagate": True}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
