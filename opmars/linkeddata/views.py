"""Each record and the catalogue as Turtle or JSON-LD, chosen by the URL's extension; the
plain record URLs answer HTML and send RDF clients here (negotiation.py)."""

from django.contrib.auth.models import AnonymousUser
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers

from opmars.accounts.policy import visible_collectives
from opmars.geo.models import Municipality, Province
from opmars.linkeddata import graphs
from opmars.linkeddata.negotiation import EXTENSIONS, SeeOther
from opmars.networks.models import Network


def _answer(graph, fmt):
    body, content_type = graphs.serialise(graph, fmt)
    response = HttpResponse(body, content_type=content_type)
    # Harvesters and scripts on other sites may read open data.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def collective(request, slug, fmt):
    # An anonymous visitor's view, whoever asks: an unlisted record is not published as data.
    found = (
        visible_collectives(AnonymousUser())
        .select_related("municipality__province")
        .filter(slug=slug)
        .first()
    )
    if found is None:
        raise Http404
    return _answer(graphs.collective_graph(found), fmt)


def network(request, slug, fmt):
    found = Network.objects.filter(slug=slug).first()
    if found is None:
        raise Http404
    return _answer(graphs.network_graph(found), fmt)


def municipality(request, code, fmt):
    found = Municipality.objects.select_related("province").filter(code=code).first()
    if found is None:
        raise Http404
    return _answer(graphs.municipality_graph(found), fmt)


def province(request, code, fmt):
    found = Province.objects.filter(code=code).first()
    if found is None:
        raise Http404
    return _answer(graphs.province_graph(found), fmt)


def catalogue(request, fmt=None):
    """/catalogus sends the client to the Turtle, or to the JSON-LD if it prefers that (a 303,
    which the shared cache does not keep: its keys ignore Accept)."""
    if fmt is None:
        preferred = request.get_preferred_type(["text/turtle", "application/ld+json"])
        response = SeeOther(reverse("catalogue", kwargs={"fmt": EXTENSIONS.get(preferred, "ttl")}))
        patch_vary_headers(response, ["Accept"])
        return response
    return _answer(graphs.catalogue_graph(), fmt)
