"""The privacy statement, beside the public pages."""

from django.urls import path

from opmars.accounts import views

urlpatterns = [
    path("privacy/", views.privacy, name="privacy"),
]
