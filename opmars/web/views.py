"""The home page; the collective's pages live in opmars.registry."""

from django.shortcuts import render

from opmars.accounts import policy
from opmars.geo.models import Municipality


def home(request):
    visible = policy.visible_collectives(request.user)
    return render(
        request,
        "web/home.html",
        {
            "collective_count": visible.count(),
            "municipality_count": visible.values("municipality_id").distinct().count(),
            "municipality_total": Municipality.objects.count(),
        },
    )
