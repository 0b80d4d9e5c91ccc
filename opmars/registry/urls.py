"""The collective's pages: the directory, its page and forms, its editors, and the areas."""

from django.urls import path

from opmars.registry import areas, editors, life, views

urlpatterns = [
    path("collectieven/", views.collective_list, name="collectives"),
    # 'nieuw' before <slug>: it is a fixed page, not a collective.
    path("collectieven/nieuw/", views.collective_create, name="collective_create"),
    path("collectieven/<slug:slug>/", views.collective_detail, name="collective"),
    path("collectieven/<slug:slug>/bewerken/", views.collective_edit, name="collective_edit"),
    path("collectieven/<slug:slug>/jaarcijfers/", views.collective_facts, name="collective_facts"),
    path("collectieven/<slug:slug>/geschiedenis/", life.life_page, name="collective_life"),
    path(
        "collectieven/<slug:slug>/geschiedenis/nieuw/",
        life.add_event,
        name="collective_life_add",
    ),
    path(
        "collectieven/<slug:slug>/geschiedenis/<int:event_id>/corrigeren/",
        life.correct_event,
        name="collective_life_correct",
    ),
    path("collectieven/<slug:slug>/verifieren/", views.collective_verify, name="collective_verify"),
    path("collectieven/<slug:slug>/redactie/", editors.editors, name="collective_editors"),
    path("collectieven/<slug:slug>/claimen/", editors.claim, name="collective_claim"),
    path("collectieven/<slug:slug>/logboek/", editors.audit_log, name="collective_audit"),
    path("collectieven/<slug:slug>/logboek.csv", editors.audit_csv, name="collective_audit_csv"),
    path("gemeenten/", areas.municipality_list, name="municipalities"),
    path("gemeenten/<str:code>/", areas.municipality_detail, name="municipality"),
    path("provincies/", areas.province_list, name="provinces"),
    path("provincies/<str:code>/", areas.province_detail, name="province"),
    path("kaart/", areas.map_view, name="map"),
]
