from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files; JS source-map comments are left alone because the
    xstatic packages reference .map files they do not ship."""

    patterns = tuple(p for p in ManifestStaticFilesStorage.patterns if p[0] == "*.css")
