from django.contrib import admin

from opmars.networks.models import Network


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "province", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name", "slug"]
