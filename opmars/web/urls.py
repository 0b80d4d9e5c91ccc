from django.urls import path

from opmars.web import views

urlpatterns = [
    path("", views.home, name="home"),
]
