from django.urls import path

from opmars.security import twofactor

urlpatterns = [
    path("tweestapsverificatie/", twofactor.setup, name="two_factor_setup"),
    path("inloggen/code/", twofactor.verify, name="two_factor_verify"),
]
