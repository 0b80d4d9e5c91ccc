"""Embeds: small pages of an area's or a collective's key figures that other sites may frame,
and the page that makes the snippet. Thin: figures from the monitor (embeds/figures.py).

An embed may be framed anywhere (CSP frame-ancestors *, no X-Frame-Options); every other page
keeps frame-ancestors 'none'. Its language comes from the address (?taal=en), never from a
cookie, and it sets none: no session, no CSRF token, no message."""

import contextlib
import functools
import re
from urllib.parse import urlencode

from csp.decorators import csp_replace
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.formats import date_format
from django.utils.translation import gettext_noop
from django.views.decorators.clickjacking import xframe_options_exempt

from opmars.accounts.policy import visible_collectives
from opmars.caching import generation
from opmars.caching import http as caching_http
from opmars.embeds import figures as embed_figures
from opmars.embeds.forms import EMBED_LANGUAGES, HEIGHTS, EmbedForm
from opmars.monitor import metrics, present
from opmars.registry import scopes
from opmars.siteurl import absolute

ACCEPTS_GZIP = re.compile(r"\bgzip\b")
# The snippet's iframe title, for screen readers on the other site.
TITLE = gettext_noop("Cijfers over burgercollectieven: %(name)s (Opmars)")


def _language(request):
    language = request.GET.get("taal", "")
    return language if language in EMBED_LANGUAGES else settings.LANGUAGE_CODE


def _query(request):
    """The embed's own language and year, passed on to its map."""
    asked = {name: request.GET[name] for name in ("taal", "jaar") if request.GET.get(name)}
    return "?" + urlencode(asked) if asked else ""


def _year(request):
    """?jaar=2024; anything else means the last complete year, as on the monitor pages."""
    raw = request.GET.get("jaar", "")
    if raw.isdigit() and metrics.valid_year(int(raw)):
        return int(raw)
    return metrics.last_complete_year()


@contextlib.contextmanager
def _as_asked(request):
    """The language the address asks for, on one data generation."""
    with generation.pinned(), translation.override(_language(request)):
        yield


def embed(view):
    """An embed view: framable anywhere, in the language its address asks for."""

    @xframe_options_exempt
    @csp_replace({"frame-ancestors": ["*"]})
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with _as_asked(request):
            response = view(request, *args, **kwargs)
        response["Content-Language"] = _language(request)
        # Not kept by the browser: it would revalidate, and the page cache answers a matching
        # ETag with a 304 before any view runs, whose default headers (frame-ancestors 'none',
        # X-Frame-Options: DENY) the browser would then store over these. The server still
        # keeps the whole answer per data generation (opmars/caching/http.py).
        patch_cache_control(response, no_store=True)
        return response

    return wrapper


def _render(request, context):
    """The embed page with what every embed shows: the definitions, the data date, the credit."""
    context.update(
        {
            "language": translation.get_language(),
            "definitions_url": request.build_absolute_uri(reverse("monitor_definitions")),
            "full_url": request.build_absolute_uri(context["full_path"]),
            "site_url": request.build_absolute_uri("/"),
            "data_date": date_format(timezone.localdate(caching_http.data_changed_at(request))),
            "demo_site": settings.DEMO_MODE,
        }
    )
    return render(request, "embeds/embed.html", context)


def _title(area, year):
    if area.scope == "network":  # a network is no place: "in" would not fit
        return f"{area.name}, {year}"
    return translation.gettext("Burgercollectieven in %(name)s, %(year)s") % {
        "name": area.name,
        "year": year,
    }


def _area_embed(request, scope, code, full_page):
    area = present.area_for(scope, code)
    if area is None:
        raise Http404
    caching_http.shows_area(request, area)
    year = _year(request)
    figures = metrics.summary(area, year)
    demo = bool(figures["demo_count"])
    context = {
        "kind": scope,
        "title": _title(area, year),
        "area": area,
        "year": year,
        "figures": figures,
        "rows": embed_figures.area_figures(area, figures, year),
        "full_path": reverse(full_page, args=[area.code]),
    }
    if area.scope == "municipality":
        context["map"] = {
            "title": embed_figures.map_title(area),
            "url": reverse("embed_municipality_map", args=[area.code]) + _query(request),
            "legend": embed_figures.map_legend(figures),
        }
    elif area.scope == "province":
        context["table"] = embed_figures.province_table(area)
    else:
        demo = demo or embed_figures.is_demo_network(area.code)
    context["demo"] = demo
    return _render(request, context)


@embed
def municipality(request, code):
    return _area_embed(request, "gemeenten", code, "monitor_municipality")


def municipality_map(request, code):
    """The embed's map as a picture of its own: the page stays small (the map of a large
    municipality holds thousands of places) and the browser fetches it after the figures,
    gzipped when it may (a tenth of the size)."""
    gzipped = bool(ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
    with _as_asked(request):
        area = present.area_for("gemeenten", code)
        if area is not None:
            caching_http.shows_area(request, area)
        image = embed_figures.map_image(area, _year(request), gzipped) if area else None
    if image is None:
        raise Http404
    response = HttpResponse(image, content_type="image/svg+xml; charset=utf-8")
    if gzipped:
        response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


@embed
def province(request, code):
    return _area_embed(request, "provincies", code, "monitor_province")


@embed
def network(request, slug):
    return _area_embed(request, "netwerken", slug, "monitor_network")


@embed
def collective(request, slug):
    # Anonymous visibility: an embed is public, whoever happens to open it.
    found = (
        visible_collectives(None).select_related("municipality__province").filter(slug=slug).first()
    )
    if found is None:
        raise Http404
    caching_http.shows_collective(request, found.pk, content=(scopes.COLLECTIVE, slug))
    facts = embed_figures.latest_facts(found)
    context = {
        "kind": "collectieven",
        "title": found.name,
        "collective": found,
        "facts": facts,
        "rows": embed_figures.collective_figures(facts),
        "demo": found.is_demo,
        "full_path": found.get_absolute_url(),
    }
    return _render(request, context)


def picker(request):
    """Choose what to embed; the snippet and a preview follow from the same GET form, so it
    works without JavaScript."""
    # The language has a default, which a submitted form without it keeps.
    form = EmbedForm({"taal": "nl", **request.GET.dict()} if request.GET else None)
    context = {
        "form": form,
        # The snippet goes to other sites: the public address, as in mails and exports.
        "origin": absolute(""),
        "title_pattern": translation.gettext(TITLE),
        "heights": HEIGHTS,
    }
    if form.is_valid():
        path = form.embed_path()
        context["embed_url"] = absolute(path)
        context["preview_url"] = path
        context["snippet_title"] = translation.gettext(TITLE) % {"name": form.chosen_name()}
        context["height"] = form.height()
    return render(request, "embeds/picker.html", context)
