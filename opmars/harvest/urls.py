from django.urls import path

from opmars.harvest import views

urlpatterns = [
    path("", views.source_list, name="harvest_sources"),
    path("nieuw/", views.source_edit, name="harvest_source_new"),
    path("<int:pk>/", views.source_detail, name="harvest_source"),
    path("<int:pk>/wijzigen/", views.source_edit, name="harvest_source_edit"),
    path("<int:pk>/ophalen/", views.source_run, name="harvest_source_run"),
]
