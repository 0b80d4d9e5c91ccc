from django.urls import path

from opmars.finance import views

urlpatterns = [
    path("", views.route_list, name="finance_routes"),
    path("nieuw/", views.route_edit, name="finance_route_new"),
    path("importeren/", views.import_csv, name="finance_routes_import"),
    path("<int:pk>/", views.route_detail, name="finance_route"),
    path("<int:pk>/wijzigen/", views.route_edit, name="finance_route_edit"),
    path("<int:pk>/archiveren/", views.route_archive, name="finance_route_archive"),
    path("collectieven/<slug:slug>/", views.collective_routes, name="collective_finance_routes"),
]
