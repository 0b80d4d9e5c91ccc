from django.urls import path

from opmars.dataio import views

urlpatterns = [
    path("export/collectieven.<str:fmt>", views.export_collectives, name="export_collectives"),
]
