from django.urls import path

from opmars.rights import views

urlpatterns = [
    path("", views.summary, name="local_rights"),
]
