from django.urls import path

from opmars.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("collectieven/", views.collective_list, name="collectives"),
    # 'nieuw' before <slug>: it is a fixed page, not a collective.
    path("collectieven/nieuw/", views.collective_create, name="collective_create"),
    path("collectieven/<slug:slug>/", views.collective_detail, name="collective"),
    path("collectieven/<slug:slug>/bewerken/", views.collective_edit, name="collective_edit"),
    path("collectieven/<slug:slug>/jaarcijfers/", views.collective_facts, name="collective_facts"),
    path("collectieven/<slug:slug>/verifieren/", views.collective_verify, name="collective_verify"),
    path("gemeenten/", views.municipality_list, name="municipalities"),
    path("gemeenten/<str:code>/", views.municipality_detail, name="municipality"),
    path("provincies/", views.province_list, name="provinces"),
    path("provincies/<str:code>/", views.province_detail, name="province"),
    path("kaart/", views.map_view, name="map"),
]
