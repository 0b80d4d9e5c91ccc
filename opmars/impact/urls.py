from django.urls import path

from opmars.impact import views

urlpatterns = [
    path("rekenhulp/", views.calculator, name="calculator"),
    path("methode/", views.methodology, name="methodology"),
    path("impact/bibliotheek/", views.library_new_version, name="impact_library"),
    path("collectieven/<slug:slug>/impact/", views.impact_page, name="impact"),
    path("collectieven/<slug:slug>/impact/nieuw/", views.report_edit, name="impact_new"),
    path("collectieven/<slug:slug>/impact/<int:year>/", views.report_edit, name="impact_edit"),
    path("collectieven/<slug:slug>/impact/voorbeeld/", views.report_preview, name="impact_preview"),
]
