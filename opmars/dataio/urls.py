from django.urls import path

from opmars.dataio import views

urlpatterns = [
    path("export/collectieven.<str:fmt>", views.export_collectives, name="export_collectives"),
    path("import/", views.import_start, name="import_start"),
    path("import/<int:pk>/", views.import_review, name="import_review"),
    path("import/<int:pk>/kolommen/", views.import_mapping, name="import_mapping"),
    path("import/<int:pk>/importeren/", views.import_run, name="import_run"),
    path("import/<int:pk>/voortgang/", views.import_progress, name="import_progress"),
    path("import/<int:pk>/opnieuw/", views.import_retry, name="import_retry"),
    path("import/<int:pk>/afbreken/", views.import_cancel, name="import_cancel"),
    path("import/<int:pk>/fouten.csv", views.import_errors, {"fmt": "csv"}, name="import_errors"),
    path(
        "import/<int:pk>/fouten.xlsx",
        views.import_errors,
        {"fmt": "xlsx"},
        name="import_errors_xlsx",
    ),
    path("import/dubbelen/", views.duplicates, name="duplicates"),
    path(
        "import/dubbelen/<int:pk>/samenvoegen/<str:keep>/",
        views.duplicate_merge,
        name="duplicate_merge",
    ),
    path("import/zonder-redacteur/", views.without_editor, name="without_editor"),
    path("bevestigen/<str:token>/", views.confirm_facts, name="confirm_facts"),
]
