from django.contrib import admin

from opmars.geo.models import HistoricMunicipality, Municipality, Province


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "population"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "province", "population"]
    list_filter = ["province"]
    search_fields = ["code", "name"]


@admin.register(HistoricMunicipality)
class HistoricMunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "begin", "end"]
    search_fields = ["code", "name"]
    filter_horizontal = ["successors"]
