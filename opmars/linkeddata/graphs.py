"""RDF graphs (rdflib) of what the site shows: one collective, network, municipality or province
as schema.org, and the DCAT-AP catalogue of the open datasets (docs/linked-data.md).

A collective's description is the same schema.org mapping its page embeds
(registry/jsonld.py), read into the graph, with its networks and areas as links to their own
URIs. Every URI is absolute on SITE_URL (siteurl.absolute), so a graph does not depend on the
host a request came in on. Only what an anonymous visitor may see goes in.
"""

import datetime
import json
import warnings

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SDO, XSD

from opmars.accounts.policy import visible_collectives
from opmars.dataio import exporting, opendata
from opmars.geo.models import Province
from opmars.registry import jsonld
from opmars.siteurl import absolute

SPDX = Namespace("http://spdx.org/rdf/terms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU_FILE_TYPE = Namespace("http://publications.europa.eu/resource/authority/file-type/")
EU_THEME = Namespace("http://publications.europa.eu/resource/authority/data-theme/")
EU_LANGUAGE = Namespace("http://publications.europa.eu/resource/authority/language/")
EU_COUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")
EU_LICENCE = Namespace("http://publications.europa.eu/resource/authority/licence/")
PUBLIC = URIRef("http://publications.europa.eu/resource/authority/access-right/PUBLIC")
IANA = "https://www.iana.org/assignments/media-types/"
# Open Referral HSDS is a JSON and table format without an RDF vocabulary of its own: the HSDS
# export says it conforms to the specification, and no hsds: terms are invented here.
HSDS_SPEC = URIRef("https://docs.openreferral.org/en/latest/hsds/")

PREFIXES = {
    "schema": SDO,
    "dcat": DCAT,
    "dct": DCTERMS,
    "foaf": FOAF,
    "vcard": VCARD,
    "spdx": SPDX,
    "xsd": XSD,
}
# The JSON-LD context: the same prefixes, so the JSON-LD reads like the Turtle.
JSONLD_CONTEXT = {name: str(ns) for name, ns in PREFIXES.items()}

# schema.org properties whose values in the page's mapping are addresses.
LINKS = ("url", "mainEntityOfPage", "sameAs")
DEMO_NOTE_NL = "Fictief voorbeeld: deze gegevens zijn verzonnen voor de demo van Opmars."
DEMO_NOTE_EN = "Fictitious example: this data was made up for the Opmars demo."

# The exports of the directory's list that anyone may download (dataio/views.py), by format:
# (extension in the URL, IANA media type, EU file type, title).
EXPORTS = [
    ("csv", "text/csv", "CSV", "CSV"),
    ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", "Excel"),
    ("json", "application/json", "JSON", "JSON"),
    ("geojson", "application/geo+json", "GEOJSON", "GeoJSON"),
    ("jsonld", "application/ld+json", "JSON_LD", "JSON-LD (schema.org)"),
    ("hsds", "application/zip", "ZIP", "Open Referral HSDS 3.0 (zip)"),
]


def _public():
    """What an anonymous visitor sees of the register, whoever asks."""
    return visible_collectives(AnonymousUser())


def new_graph():
    graph = Graph()
    for name, namespace in PREFIXES.items():
        graph.bind(name, namespace, override=True, replace=True)
    return graph


def collective_uri(collective):
    return URIRef(absolute(collective.get_absolute_url()))


def network_uri(network):
    return URIRef(absolute(network.get_absolute_url()))


def municipality_uri(code):
    return URIRef(absolute(reverse("municipality", args=[code])))


def province_uri(code):
    return URIRef(absolute(reverse("province", args=[code])))


def _mark_demo(graph, subject):
    """A fictitious record says so twice: in words and as the exports' `demo` property."""
    graph.add((subject, SDO.description, Literal(DEMO_NOTE_NL, lang="nl")))
    graph.add((subject, SDO.description, Literal(DEMO_NOTE_EN, lang="en")))
    flag = BNode()
    graph.add((subject, SDO.additionalProperty, flag))
    graph.add((flag, RDF.type, SDO.PropertyValue))
    graph.add((flag, SDO.name, Literal("demo")))
    graph.add((flag, SDO.value, Literal(True)))


def collective_graph(collective):
    """The page's schema.org Organization (registry/jsonld.py) with its networks and areas as
    links to their own URIs."""
    uri = collective_uri(collective)
    networks = list(collective.networks.order_by("name"))
    works_in = list(collective.works_in.order_by("name"))
    data = jsonld.organization(collective, str(uri), networks, works_in)
    # A local context: the parser never fetches https://schema.org (no external call). The
    # links are IRIs, not text.
    data["@context"] = {"@vocab": str(SDO), **{name: {"@type": "@id"} for name in LINKS}}
    data["@type"] = ["Organization", "NGO"]
    data["identifier"] = collective.slug
    data["memberOf"] = [
        {"@id": str(network_uri(n)), "@type": "Organization", "name": n.name} for n in networks
    ]
    data["areaServed"] = [
        {"@id": str(municipality_uri(m.code)), "@type": "AdministrativeArea", "name": m.name}
        for m in [collective.municipality, *works_in]
    ]
    read = Graph()
    # rdflib's JSON-LD reader uses its own deprecated ConjunctiveGraph inside.
    with warnings.catch_warnings(action="ignore", category=DeprecationWarning):
        read.parse(data=json.dumps(data), format="json-ld")
    graph = new_graph()  # with the prefixes of the other graphs, not the parser's
    graph += read
    if collective.is_demo:
        _mark_demo(graph, uri)
    return graph


def network_graph(network):
    uri = network_uri(network)
    graph = new_graph()
    graph.add((uri, RDF.type, SDO.Organization))
    graph.add((uri, SDO.name, Literal(network.name)))
    graph.add((uri, SDO.identifier, Literal(network.slug)))
    graph.add((uri, SDO.url, URIRef(network.website or str(uri))))
    graph.add((uri, SDO.mainEntityOfPage, uri))
    if network.description:
        graph.add((uri, SDO.description, Literal(network.description)))
    if network.province_id:
        graph.add((uri, SDO.areaServed, province_uri(network.province_id)))
    members = _public().filter(membership__network=network).order_by("name")
    for slug, name in members.values_list("slug", "name"):
        member = URIRef(absolute(reverse("collective", args=[slug])))
        graph.add((uri, SDO.member, member))
        graph.add((member, RDF.type, SDO.Organization))
        graph.add((member, SDO.name, Literal(name)))
    if network.is_demo:
        _mark_demo(graph, uri)
    return graph


def _area(graph, uri, name, code):
    graph.add((uri, RDF.type, SDO.AdministrativeArea))
    graph.add((uri, SDO.name, Literal(name, lang="nl")))
    graph.add((uri, SDO.mainEntityOfPage, uri))
    identifier = BNode()
    graph.add((uri, SDO.identifier, identifier))
    graph.add((identifier, RDF.type, SDO.PropertyValue))
    graph.add((identifier, SDO.propertyID, Literal("CBS")))
    graph.add((identifier, SDO.value, Literal(code)))


def municipality_graph(municipality):
    uri = municipality_uri(municipality.code)
    graph = new_graph()
    _area(graph, uri, municipality.name, municipality.code)
    province = province_uri(municipality.province_id)
    graph.add((uri, SDO.containedInPlace, province))
    graph.add((province, SDO.name, Literal(municipality.province.name, lang="nl")))
    return graph


def province_graph(province):
    uri = province_uri(province.code)
    graph = new_graph()
    _area(graph, uri, province.name, province.code)
    graph.add((uri, SDO.containedInPlace, EU_COUNTRY.NLD))
    return graph


# The catalogue ------------------------------------------------------------------------------


def licence_uri():
    """The open-data licence (an SPDX id in settings) as the EU's licence URI where it has one."""
    licence = exporting.licence()
    known = {"CC-BY-4.0": "CC_BY_4_0", "CC0-1.0": "CC0", "CC-BY-SA-4.0": "CC_BYSA_4_0"}
    if licence in known:
        return EU_LICENCE[known[licence]]
    return URIRef(f"https://spdx.org/licenses/{licence}")


def _texts(graph, subject, predicate, nl, en):
    graph.add((subject, predicate, Literal(nl, lang="nl")))
    graph.add((subject, predicate, Literal(en, lang="en")))


def _publisher(graph):
    agent = URIRef(absolute("/catalogus#uitgever"))
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, RDF.type, FOAF.Organization))
    graph.add((agent, FOAF.name, Literal("Opmars")))
    graph.add((agent, FOAF.homepage, URIRef(absolute("/"))))
    return agent


def _contact_point(graph):
    contact = URIRef(absolute("/catalogus#contact"))
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal("Opmars")))
    graph.add((contact, VCARD["organization-name"], Literal("Opmars")))
    graph.add((contact, VCARD.hasURL, URIRef(absolute("/"))))
    address = settings.DEFAULT_FROM_EMAIL.rpartition("<")[2].rstrip(">").strip()
    if address:
        graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{address}")))
    return contact


def _dataset(graph, ctx, fragment, title, description, keywords, modified):
    """title, description and each keyword: (Dutch, English)."""
    dataset = URIRef(absolute(f"/catalogus#{fragment}"))
    graph.add((ctx["catalogue"], DCAT.dataset, dataset))
    graph.add((dataset, RDF.type, DCAT.Dataset))
    _texts(graph, dataset, DCTERMS.title, *title)
    _texts(graph, dataset, DCTERMS.description, *description)
    if ctx["demo"]:
        _texts(graph, dataset, DCTERMS.description, DEMO_NOTE_NL, DEMO_NOTE_EN)
    graph.add((dataset, DCTERMS.identifier, Literal(str(dataset))))
    graph.add((dataset, DCTERMS.publisher, ctx["publisher"]))
    graph.add((dataset, DCTERMS.creator, ctx["publisher"]))
    graph.add((dataset, DCTERMS.license, ctx["licence"]))
    # DCAT-AP-NL 3.0 asks for access rights, from the EU's list.
    graph.add((dataset, DCTERMS.accessRights, PUBLIC))
    graph.add((dataset, DCAT.contactPoint, ctx["contact"]))
    graph.add((dataset, DCTERMS.language, EU_LANGUAGE.NLD))
    graph.add((dataset, DCTERMS.spatial, EU_COUNTRY.NLD))
    graph.add((dataset, DCAT.theme, EU_THEME.SOCI))
    graph.add((dataset, DCAT.theme, EU_THEME.REGI))
    for keyword_nl, keyword_en in keywords:
        graph.add((dataset, DCAT.keyword, Literal(keyword_nl, lang="nl")))
        graph.add((dataset, DCAT.keyword, Literal(keyword_en, lang="en")))
    if modified is not None:
        graph.add((dataset, DCTERMS.modified, Literal(modified, datatype=XSD.date)))
    return dataset


def _distribution(graph, ctx, dataset, url, media_type, file_type, title):
    distribution = URIRef(url)
    graph.add((dataset, DCAT.distribution, distribution))
    graph.add((distribution, RDF.type, DCAT.Distribution))
    graph.add((distribution, DCTERMS.title, Literal(title)))
    graph.add((distribution, DCAT.accessURL, URIRef(url)))
    graph.add((distribution, DCAT.downloadURL, URIRef(url)))
    graph.add((distribution, DCAT.mediaType, URIRef(IANA + media_type)))
    graph.add((distribution, DCTERMS.format, EU_FILE_TYPE[file_type]))
    graph.add((distribution, DCTERMS.license, ctx["licence"]))
    return distribution


def _register_dataset(graph, ctx):
    latest = _public().aggregate(latest=Max("updated_at"))["latest"]
    dataset = _dataset(
        graph,
        ctx,
        "collectieven",
        (
            "Register van burgercollectieven",
            "Register of Dutch citizen collectives",
        ),
        (
            "Alle openbaar vermelde burgercollectieven in Opmars: naam, soort, gemeente, "
            "oprichtingsjaar, werkterreinen en de openbare plaats op de kaart.",
            "Every publicly listed citizen collective in Opmars: name, kind, municipality, year "
            "founded, fields of work and the public place on the map.",
        ),
        [
            ("burgercollectieven", "citizen collectives"),
            ("bewonersinitiatieven", "community initiatives"),
            ("coöperaties", "cooperatives"),
            ("register", "register"),
        ],
        latest.date() if latest else None,
    )
    graph.add((dataset, DCAT.landingPage, URIRef(absolute(reverse("collectives")))))
    for fmt, media_type, file_type, title in EXPORTS:
        url = absolute(reverse("export_collectives", args=[fmt]))
        distribution = _distribution(graph, ctx, dataset, url, media_type, file_type, title)
        if fmt == "hsds":
            graph.add((distribution, DCTERMS.conformsTo, HSDS_SPEC))
    service = URIRef(absolute("/api/v1/"))
    graph.add((ctx["catalogue"], DCAT.service, service))
    graph.add((service, RDF.type, DCAT.DataService))
    _texts(graph, service, DCTERMS.title, "Opmars API (versie 1)", "Opmars API (version 1)")
    _texts(
        graph,
        service,
        DCTERMS.description,
        "De JSON-API van Opmars: collectieven, jaarcijfers, kaart, referentiegegevens en de "
        "monitor. Lezen kan zonder sleutel.",
        "The Opmars JSON API: collectives, yearly facts, map, reference data and the monitor. "
        "Reading needs no key.",
    )
    graph.add((service, DCTERMS.identifier, Literal(str(service))))
    graph.add((service, DCTERMS.accessRights, PUBLIC))
    graph.add((service, DCAT.contactPoint, ctx["contact"]))
    graph.add((service, DCTERMS.language, EU_LANGUAGE.NLD))
    graph.add((service, FOAF.page, URIRef(absolute("/api/v1/docs"))))
    graph.add((service, DCAT.endpointURL, service))
    graph.add((service, DCAT.endpointDescription, URIRef(absolute("/api/v1/openapi.json"))))
    graph.add((service, DCAT.servesDataset, dataset))
    graph.add((service, DCTERMS.license, ctx["licence"]))
    graph.add((service, DCTERMS.publisher, ctx["publisher"]))


def _dump_dataset(graph, ctx):
    """The latest open-data dump, when one has been published (the task makes it)."""
    dumps = opendata.published_dumps()
    if not dumps:
        return
    dump = dumps[0]
    created = datetime.datetime.fromisoformat(dump.created)
    dataset = _dataset(
        graph,
        ctx,
        "open-data",
        ("Open data van Opmars (volledige dump)", "Opmars open data (full dump)"),
        (
            "Alle openbare gegevens in één zip: collectieven, jaarcijfers, lidmaatschappen van "
            "netwerken en gepubliceerde impactrapportages, als CSV en JSON, met een "
            "gegevenswoordenboek dat elk veld uitlegt.",
            "All public data in one zip: collectives, yearly facts, network memberships and "
            "published impact reports, as CSV and JSON, with a data dictionary that explains "
            "every field.",
        ),
        [
            ("burgercollectieven", "citizen collectives"),
            ("open data", "open data"),
            ("jaarcijfers", "yearly figures"),
            ("maatschappelijke waarde", "social value"),
        ],
        created.date(),
    )
    graph.add((dataset, DCAT.landingPage, URIRef(absolute(reverse("open_data")))))
    graph.add((dataset, FOAF.page, URIRef(absolute(reverse("open_data_dictionary")))))
    url = absolute(reverse("open_data_dump", args=[dump.name]))
    distribution = _distribution(graph, ctx, dataset, url, "application/zip", "ZIP", dump.name)
    graph.add((distribution, DCAT.byteSize, Literal(dump.size, datatype=XSD.nonNegativeInteger)))
    graph.add((distribution, DCTERMS.issued, Literal(created.date(), datatype=XSD.date)))
    checksum = BNode()
    graph.add((distribution, SPDX.checksum, checksum))
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    graph.add((checksum, SPDX.checksumValue, Literal(dump.sha256, datatype=XSD.hexBinary)))
    dictionary = absolute(reverse("open_data_dictionary"))
    _distribution(graph, ctx, dataset, dictionary, "text/csv", "CSV", "Gegevenswoordenboek (CSV)")


def _province_reports_dataset(graph, ctx):
    dataset = _dataset(
        graph,
        ctx,
        "monitor-provincies",
        ("Monitor per provincie", "Monitor per province"),
        (
            "De kerncijfers van de monitor per provincie (aantallen collectieven, leden, "
            "vrijwilligers, geld en maatschappelijke waarde) met definitie, jaar en bron, als "
            "CSV per provincie.",
            "The monitor's key figures per province (numbers of collectives, members, "
            "volunteers, money and social value) with definition, year and source, as a CSV "
            "per province.",
        ),
        [
            ("burgercollectieven", "citizen collectives"),
            ("monitor", "monitor"),
            ("provincie", "province"),
        ],
        timezone.localdate(),
    )
    graph.add((dataset, DCAT.landingPage, URIRef(absolute(reverse("monitor")))))
    for code, name in Province.objects.order_by("name").values_list("code", "name"):
        url = absolute(reverse("monitor_report_file", args=["provincies", code, "csv"]))
        _distribution(graph, ctx, dataset, url, "text/csv", "CSV", f"{name} (CSV)")


def catalogue_graph():
    graph = new_graph()
    catalogue = URIRef(absolute("/catalogus"))
    ctx = {
        "catalogue": catalogue,
        "publisher": _publisher(graph),
        "contact": _contact_point(graph),
        "licence": licence_uri(),
        "demo": settings.DEMO_MODE,
    }
    graph.add((ctx["licence"], RDF.type, DCTERMS.LicenseDocument))
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    _texts(
        graph,
        catalogue,
        DCTERMS.title,
        "Opmars: open data over burgercollectieven",
        "Opmars: open data on Dutch citizen collectives",
    )
    _texts(
        graph,
        catalogue,
        DCTERMS.description,
        "De datasets van Opmars, het open register en de monitor van burgercollectieven in "
        "Nederland, met hun downloads.",
        "The datasets of Opmars, the open register and monitor of citizen collectives in the "
        "Netherlands, with their downloads.",
    )
    if ctx["demo"]:
        _texts(graph, catalogue, DCTERMS.description, DEMO_NOTE_NL, DEMO_NOTE_EN)
    graph.add((catalogue, DCTERMS.publisher, ctx["publisher"]))
    graph.add((catalogue, DCAT.contactPoint, ctx["contact"]))
    graph.add((catalogue, DCTERMS.license, ctx["licence"]))
    graph.add((catalogue, DCTERMS.language, EU_LANGUAGE.NLD))
    graph.add((catalogue, FOAF.homepage, URIRef(absolute("/"))))
    graph.add((catalogue, DCTERMS.modified, Literal(timezone.localdate(), datatype=XSD.date)))
    _register_dataset(graph, ctx)
    _dump_dataset(graph, ctx)
    _province_reports_dataset(graph, ctx)
    return graph


def serialise(graph, fmt):
    """(bytes, content type) of the graph as Turtle ("ttl") or JSON-LD ("jsonld")."""
    if fmt == "ttl":
        return graph.serialize(format="turtle", encoding="utf-8"), "text/turtle; charset=utf-8"
    body = graph.serialize(format="json-ld", context=JSONLD_CONTEXT, indent=2, encoding="utf-8")
    return body, "application/ld+json"
