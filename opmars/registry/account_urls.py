"""A collective's keeping under /account/: invitations, claims, new registrations to verify
and the audit log."""

from django.urls import path

from opmars.registry import editors, views

urlpatterns = [
    path("uitnodiging/<str:token>/", editors.invitation, name="invitation"),
    path("claim/<str:token>/", editors.claim_confirm, name="claim_confirm"),
    path("claims/", editors.claim_queue, name="claim_queue"),
    path("claims/<int:pk>/besluit/", editors.claim_decide, name="claim_decide"),
    path("aanmeldingen/", views.verify_queue, name="verify_queue"),
    path("logboek/", editors.audit_log, name="audit_log"),
    path("logboek.csv", editors.audit_csv, name="audit_csv"),
]
