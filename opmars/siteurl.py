"""Links that leave the site (emails, exports): the public address from SITE_URL plus a path."""

from django.conf import settings


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path
