"""The benchmark's workloads (issue 7): each a fixed set of representative questions, asked of
Opmars over HTTP and, where the data is SQLite, of Datasette serving the same file.

A sample is (Opmars path, Datasette path). The Datasette path answers the same question the
way a Datasette user would: a table view with filters and `_search` (full-text search through
the `fts_table` metadata on the index Opmars keeps, so both search the same stemmed text), or
one read-only SQL query through `?sql=` where a table view cannot express it. The figures Opmars
adds around the answer (labels, pagination, definitions) have no Datasette counterpart.
"""

import math
from urllib.parse import urlencode

DB = "opmars"  # Datasette names the database after the file, opmars.sqlite3
YEAR = 2025  # the last complete year of the demo's yearly facts
MUNICIPALITIES = ["GM0363", "GM0344", "GM0014", "GM0935", "GM0088"]
NEARBY_POINTS = [(52.09, 5.12), (52.37, 4.89), (53.22, 6.57), (50.85, 5.69)]
PAGE_SIZE = 20  # the directory page's page size (opmars.registry.filters.PAGE_SIZE)


def table(**params):
    return f"/{DB}/registry_collective.json?" + urlencode({"_shape": "objects", **params})


def sql(text):
    return f"/{DB}.json?" + urlencode({"sql": " ".join(text.split()), "_shape": "objects"})


def search(q):
    """Datasette's raw FTS5 syntax for what Opmars searches: every stem as a prefix."""
    from opmars.registry.search import query_stems

    return {"_search": " ".join(f'"{s}"*' for s in query_stems(q)), "_searchmode": "raw"}


def province_codes(code):
    from opmars.geo.models import Municipality

    return ",".join(Municipality.objects.filter(province_id=code).values_list("code", flat=True))


def directory():
    size = {"_size": PAGE_SIZE}
    return [
        (
            "/collectieven/?q=zonnepanelen&province=PV26",
            table(**search("zonnepanelen"), municipality_id__in=province_codes("PV26"), **size),
        ),
        (
            "/collectieven/?q=buurt&domain=zorg_welzijn",
            table(
                **search("buurt"),
                _where="id in (select collective_id from registry_collectivedomain "
                "where domain = 'zorg_welzijn')",
                **size,
            ),
        ),
        (
            "/collectieven/?kind=dorpsraad&province=PV21",
            table(
                kind="dorpsraad", municipality_id__in=province_codes("PV21"), _sort="name", **size
            ),
        ),
        (
            "/collectieven/?municipality=GM0363&q=energie",
            table(**search("energie"), municipality_id="GM0363", **size),
        ),
        (
            "/collectieven/?q=zorg&status=actief",
            table(**search("zorg"), status="actief", **size),
        ),
    ]


def haversine(lat, lon, of=""):
    return (
        f"2 * 6371 * asin(sqrt(power(sin(radians({of}public_lat - {lat}) / 2), 2) + "
        f"cos(radians({lat})) * cos(radians({of}public_lat)) * "
        f"power(sin(radians({of}public_lon - {lon}) / 2), 2)))"
    )


def box(lat, lon, km, of=""):
    dlat, dlon = km / 111.0, km / (111.0 * math.cos(math.radians(lat)))
    return (
        f"{of}public_lat between {lat - dlat} and {lat + dlat} "
        f"and {of}public_lon between {lon - dlon} and {lon + dlon}"
    )


def nearby():
    return [
        (
            f"/api/v1/collectives?near={lat},{lon}&radius_km=25",
            sql(
                f"""select id, slug, name, kind, municipality_id, distance_km,
                count(*) over () as total from (
                  select *, {haversine(lat, lon)} as distance_km from registry_collective
                  where {box(lat, lon, 25)})
                where distance_km <= 25 order by distance_km, name, id limit 50"""
            ),
        )
        for lat, lon in NEARBY_POINTS
    ]


def sample_collectives(n=8):
    """n collectives spread over the first 10,000 ids: they exist at every scale and have their
    yearly facts in the 1M database too (only its first tenth has facts)."""
    from opmars.registry.models import Collective

    first = Collective.objects.order_by("id").values_list("id", "slug", "public_lat", "public_lon")
    total = min(Collective.objects.count(), 10_000)
    return [first[i * total // n + 3] for i in range(n)]


def collective_page(samples, path="/collectieven/{slug}/"):
    """A collective's public page (or, with path, its API answer) against the same data from
    Datasette in one query: the record, its municipality, facts, domains, networks, reports."""
    return [
        (
            path.format(slug=slug),
            sql(
                f"""select c.*, m.name as municipality_name,
                (select json_group_array(json_object('year', year, 'members', members,
                   'volunteers', volunteers, 'paid_staff', paid_staff,
                   'people_reached', people_reached, 'income_grants', income_grants))
                 from (select * from registry_yearlyfacts where collective_id = c.id
                       order by year)) as facts,
                (select group_concat(domain) from registry_collectivedomain
                 where collective_id = c.id) as domains,
                (select group_concat(n.name) from networks_membership s
                 join networks_network n on n.id = s.network_id
                 where s.collective_id = c.id) as networks,
                (select json_group_array(json_object('year', year, 'present_value',
                   present_value)) from impact_impactreport
                 where collective_id = c.id and status = 'published') as reports
                from registry_collective c join geo_municipality m on m.code = c.municipality_id
                where c.id = {pk}"""
            ),
        )
        for pk, slug, _lat, _lon in samples
    ]


def area_figures(where):
    """One SQL query with the key figures of an area: active collectives, by kind, by domain,
    sums of the yearly facts, the founding/stopping series and published impact reports."""
    return sql(
        f"""select
        (select count(*) from registry_collective c where {where} and status = 'actief')
          as active,
        (select json_group_object(kind, n) from (select kind, count(*) as n
          from registry_collective c where {where} and status = 'actief' group by kind))
          as by_kind,
        (select json_group_object(domain, n) from (select d.domain, count(*) as n
          from registry_collectivedomain d join registry_collective c on c.id = d.collective_id
          where {where} and c.status = 'actief' group by d.domain)) as by_domain,
        (select json_object('reporting', count(*), 'members', sum(members),
           'volunteers', sum(volunteers), 'paid_staff', sum(paid_staff),
           'people_reached', sum(people_reached), 'income_grants', sum(income_grants))
          from registry_yearlyfacts f join registry_collective c on c.id = f.collective_id
          where {where} and f.year = {YEAR}) as facts,
        (select json_group_array(json_array(founded_year, status, status_year, n)) from
          (select founded_year, status, status_year, count(*) as n from registry_collective c
           where {where} and founded_year is not null group by 1, 2, 3)) as growth,
        (select json_object('reports', count(*), 'present_value', sum(r.present_value))
          from impact_impactreport r join registry_collective c on c.id = r.collective_id
          where {where} and r.status = 'published') as impact"""
    )


def municipality_stats():
    return [
        (f"/api/v1/stats/municipalities/{code}", area_figures(f"c.municipality_id = '{code}'"))
        for code in MUNICIPALITIES
    ]


def national_monitor():
    return [("/monitor/", area_figures("1 = 1"))]


def map_counts(where):
    return sql(
        f"""select m.code, m.name, m.centroid_lat, m.centroid_lon, sum(k.n) as count,
        json_group_object(k.kind, k.n) as by_kind
        from (select municipality_id, kind, count(*) as n from registry_collective
              where {where} group by municipality_id, kind) k
        join geo_municipality m on m.code = k.municipality_id
        group by m.code order by m.name"""
    )


def country_map():
    return [
        ("/api/v1/map?zoom=7", map_counts("1 = 1")),
        ("/api/v1/map?zoom=7&kind=energiecooperatie", map_counts("kind = 'energiecooperatie'")),
        ("/api/v1/map?zoom=7&status=actief", map_counts("status = 'actief'")),
    ]


def peers(samples):
    """Datasette's side: the best-scored collectives in the 50 km box around the subject (same
    kind, shared domains, closeness): the cheap part of Opmars' score, in one query."""
    rows = []
    for pk, slug, lat, lon in samples:
        rows.append(
            (
                f"/api/v1/collectives/{slug}/peers",
                sql(
                    f"""select c.id, c.slug, c.name, c.kind, c.municipality_id,
                    (c.kind = s.kind) * 3
                    + (select count(*) from registry_collectivedomain d
                       where d.collective_id = c.id and d.domain in
                       (select domain from registry_collectivedomain where collective_id = s.id))
                    + (1 - {haversine(lat, lon, "c.")} / 50) as score
                    from registry_collective c, registry_collective s
                    where s.id = {pk} and c.id != s.id and {
                        box(lat, lon, 50).replace("public_", "c.public_")
                    }
                    order by score desc limit 10"""
                ),
            )
        )
    return rows


def export():
    return [
        (
            f"/export/collectieven.csv?municipality={code}",
            f"/{DB}/registry_collective.csv?"
            + urlencode({"municipality_id": code, "_stream": "on", "_labels": "on"}),
        )
        for code in ("GM0363", "GM0014", "GM0088")
    ]


def all_workloads():
    """[(name, [(opmars path, datasette path)])] in the order of the issue."""
    samples = sample_collectives()
    return [
        ("directory page, filters + Dutch search", directory()),
        ("nearby search (25 km)", nearby()),
        ("collective page", collective_page(samples)),
        ("API row", collective_page(samples, "/api/v1/collectives/{slug}")),
        ("municipality statistics", municipality_stats()),
        ("national monitor", national_monitor()),
        ("map data, whole country", country_map()),
        ("peer matching", peers(samples[:5])),
        ("export of a municipality (CSV)", export()),
    ]
