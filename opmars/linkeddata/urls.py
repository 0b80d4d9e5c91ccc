"""Each record's RDF by extension (/collectieven/<slug>.ttl, .jsonld, and the same for networks,
municipalities and provinces) and the DCAT catalogue (/catalogus, .ttl, .jsonld). Included
before the apps that serve the HTML pages of the same records (opmars/urls.py)."""

from django.urls import re_path

from opmars.linkeddata import views

FORMAT = r"\.(?P<fmt>ttl|jsonld)$"

urlpatterns = [
    re_path(r"^catalogus(?:\.(?P<fmt>ttl|jsonld))?$", views.catalogue, name="catalogue"),
    re_path(r"^collectieven/(?P<slug>[-\w]+)" + FORMAT, views.collective, name="ld_collective"),
    re_path(r"^netwerken/(?P<slug>[-\w]+)" + FORMAT, views.network, name="ld_network"),
    re_path(r"^gemeenten/(?P<code>GM\d{4})" + FORMAT, views.municipality, name="ld_municipality"),
    re_path(r"^provincies/(?P<code>PV\d{2})" + FORMAT, views.province, name="ld_province"),
]
