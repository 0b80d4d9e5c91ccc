from django.contrib import admin
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from opmars.api.urls import api

urlpatterns = [
    # The reconciliation service (OpenRefine): /api/reconcile and /api/reconcile/…, no slash.
    path("api/", include("opmars.dataio.reconcile_urls")),
    path("api/v1/", api.urls),
    path("beheer/", admin.site.urls),
    # Without a CSRF token: it changes only a display preference, and a token in every page's
    # header would keep public pages out of the shared cache (decision 0034).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("account/", include("opmars.security.urls")),
    path("account/tokens/", include("opmars.accounts.token_urls")),
    path("account/", include("opmars.accounts.urls")),
    path("account/", include("opmars.registry.account_urls")),
    path("", include("opmars.accounts.public_urls")),
    path("", include("opmars.impact.urls")),
    path("", include("opmars.networks.urls")),
    path("", include("opmars.knowledge.urls")),
    path("", include("opmars.dataio.urls")),
    path("open-data/", include("opmars.dataio.opendata_urls")),
    path("insluiten/", include("opmars.embeds.urls")),
    path("bronnen/", include("opmars.harvest.urls")),
    path("financiering/", include("opmars.finance.urls")),
    path("lokale-rechten/", include("opmars.rights.urls")),
    # Before the pages of the same records: /collectieven/<slug>.ttl etc. and /catalogus.
    path("", include("opmars.linkeddata.urls")),
    path("", include("opmars.monitor.urls")),
    path("", include("opmars.registry.urls")),
    path("", include("opmars.web.urls")),
]
