from django.urls import path

from opmars.rights import views

urlpatterns = [
    path("", views.summary, name="local_rights"),
    path("provincies/<str:code>/", views.province, name="local_rights_province"),
    path("vastleggen/", views.entry_edit, name="local_right_new"),
    path("gemeenten/<str:code>/<str:right>/", views.entry_edit, name="local_right_edit"),
    path("zaken/nieuw/", views.case_edit, name="right_case_new"),
    path("zaken/<int:pk>/", views.case_edit, name="right_case_edit"),
    path("zaken/<int:pk>/verwijderen/", views.case_delete, name="right_case_delete"),
    path("importeren/", views.import_csv, name="local_rights_import"),
]
