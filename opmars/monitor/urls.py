from django.urls import path, re_path

from opmars.monitor import views

urlpatterns = [
    path("monitor/", views.national, name="monitor"),
    path("monitor/definities/", views.definitions, name="monitor_definitions"),
    path(
        "monitor/collectieven/<slug:slug>/rapport.pdf",
        views.collective_pdf,
        name="monitor_collective_report",
    ),
    path("monitor/momentopnamen/<slug:slug>/", views.snapshot, name="monitor_snapshot"),
    path(
        "monitor/momentopnamen/<slug:slug>.json", views.snapshot_json, name="monitor_snapshot_json"
    ),
    re_path(
        r"^monitor/(?P<scope>nederland|gemeenten|provincies|netwerken)/(?P<code>[\w-]+)/momentopname/$",
        views.publish_snapshot,
        name="monitor_publish_snapshot",
    ),
    re_path(
        r"^monitor/(?P<scope>nederland|gemeenten|provincies|netwerken)/(?P<code>[\w-]+)/wijzigingen/$",
        views.changes,
        name="monitor_changes",
    ),
    path("monitor/provincies/<str:code>/", views.province, name="monitor_province"),
    path("monitor/gemeenten/<str:code>/", views.municipality, name="monitor_municipality"),
    path("monitor/netwerken/<slug:slug>/", views.network, name="monitor_network"),
    path("monitor/soorten/<str:code>/", views.kind, name="monitor_kind"),
    re_path(
        r"^monitor/(?P<scope>gemeenten|provincies|netwerken)/(?P<code>[\w-]+)/rapport/$",
        views.report_page,
        name="monitor_report",
    ),
    re_path(
        r"^monitor/(?P<scope>gemeenten|provincies|netwerken)/(?P<code>[\w-]+)/rapport\.(?P<ext>pdf|csv)$",
        views.report_file,
        name="monitor_report_file",
    ),
    re_path(
        r"^monitor/(?P<scope>gemeenten|provincies|netwerken)/(?P<code>[\w-]+)/rapport-vier-vragen\.csv$",
        views.report_file,
        {"ext": "csv", "variant": "asks"},
        name="monitor_report_asks_csv",
    ),
    re_path(
        r"^monitor/(?P<scope>gemeenten|provincies|netwerken)/(?P<code>[\w-]+)/rapport-open\.csv$",
        views.report_file,
        {"ext": "csv", "variant": "open"},
        name="monitor_report_open_csv",
    ),
    re_path(
        r"^monitor/grafiek/(?P<scope>[a-z]+)/(?P<code>[\w-]+)/(?P<name>[a-z]+)-open\.csv$",
        views.chart,
        {"ext": "csv", "variant": "open"},
        name="monitor_chart_open_csv",
    ),
    re_path(
        r"^monitor/grafiek/(?P<scope>[a-z]+)/(?P<code>[\w-]+)/(?P<name>[a-z]+)\.(?P<ext>svg|png|csv)$",
        views.chart,
        name="monitor_chart",
    ),
]
