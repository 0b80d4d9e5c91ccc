from django.urls import path

from opmars.networks import views

urlpatterns = [
    path("netwerken/", views.network_list, name="networks"),
    # 'analyse' before <slug>: it is a page, not a network.
    path("netwerken/analyse/", views.network_analytics, name="network_analytics"),
    path("netwerken/<slug:slug>/", views.network_detail, name="network"),
    path("netwerken/<slug:slug>/uitnodigen/", views.network_invite, name="network_invite"),
    path("netwerken/<slug:slug>/aanvragen/", views.network_request, name="network_request"),
    path(
        "netwerken/<slug:slug>/accepteren/<int:request_id>/",
        views.network_accept,
        name="network_accept",
    ),
    path("netwerken/<slug:slug>/verwijderen/", views.network_remove, name="network_remove"),
    path(
        "collectieven/<slug:slug>/leer-van-elkaar/", views.collective_peers, name="collective_peers"
    ),
    path(
        "collectieven/<slug:slug>/netwerken/jaarcijfers/",
        views.collective_facts_consent,
        name="collective_facts_consent",
    ),
]
