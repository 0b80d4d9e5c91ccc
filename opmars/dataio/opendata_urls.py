from django.urls import path

from opmars.dataio import opendata_views

urlpatterns = [
    path("", opendata_views.open_data, name="open_data"),
    path("data-dictionary.csv", opendata_views.dictionary, name="open_data_dictionary"),
    path("nieuwe-dump/", opendata_views.new_dump, name="open_data_new_dump"),
    path("<str:name>", opendata_views.dump_file, name="open_data_dump"),
]
