from django.contrib import admin
from django.urls import include, path

from opmars.api.urls import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("beheer/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("opmars.security.urls")),
    path("account/tokens/", include("opmars.api.account_urls")),
    path("account/", include("opmars.accounts.urls")),
    path("", include("opmars.accounts.public_urls")),
    path("", include("opmars.impact.urls")),
    path("", include("opmars.networks.urls")),
    path("", include("opmars.knowledge.urls")),
    path("", include("opmars.dataio.urls")),
    path("", include("opmars.monitor.urls")),
    path("", include("opmars.web.urls")),
]
