"""A collective's keeping under /account/: invitations, claims and the audit log."""

from django.urls import path

from opmars.registry import editors

urlpatterns = [
    path("uitnodiging/<str:token>/", editors.invitation, name="invitation"),
    path("claim/<str:token>/", editors.claim_confirm, name="claim_confirm"),
    path("claims/", editors.claim_queue, name="claim_queue"),
    path("claims/<int:pk>/besluit/", editors.claim_decide, name="claim_decide"),
    path("logboek/", editors.audit_log, name="audit_log"),
    path("logboek.csv", editors.audit_csv, name="audit_csv"),
]
