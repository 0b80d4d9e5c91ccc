from django.urls import path

from opmars.embeds import views

urlpatterns = [
    path("", views.picker, name="embeds"),
    path("gemeenten/<str:code>/", views.municipality, name="embed_municipality"),
    path("gemeenten/<str:code>/kaart.svg", views.municipality_map, name="embed_municipality_map"),
    path("provincies/<str:code>/", views.province, name="embed_province"),
    path("netwerken/<slug:slug>/", views.network, name="embed_network"),
    path("collectieven/<slug:slug>/", views.collective, name="embed_collective"),
]
