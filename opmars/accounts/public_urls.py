"""Account pages that live beside the public ones: a collective's editors, claim and log, and
the privacy statement."""

from django.urls import path

from opmars.accounts import collective_views, views

urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
    path("collectieven/<slug:slug>/redactie/", collective_views.editors, name="collective_editors"),
    path("collectieven/<slug:slug>/claimen/", collective_views.claim, name="collective_claim"),
    path("collectieven/<slug:slug>/logboek/", collective_views.audit_log, name="collective_audit"),
    path(
        "collectieven/<slug:slug>/logboek.csv",
        collective_views.audit_csv,
        name="collective_audit_csv",
    ),
]
