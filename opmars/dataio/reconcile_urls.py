"""/api/reconcile and its services, included under /api/. Clients call exactly the URLs the
manifest gives, without a trailing slash."""

from django.urls import path

from opmars.dataio import reconcile_views as views

urlpatterns = [
    path("reconcile", views.service, name="reconcile"),
    path("reconcile/preview", views.preview, name="reconcile_preview"),
    path("reconcile/suggest/entity", views.suggest_entity, name="reconcile_suggest_entity"),
    path("reconcile/suggest/property", views.suggest_property, name="reconcile_suggest_property"),
    path("reconcile/suggest/type", views.suggest_type, name="reconcile_suggest_type"),
]
