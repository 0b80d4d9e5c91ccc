"""Staff view of the proxy library and catalogue in Django's admin, read-only: a new value is a
new library version (impact.actions.new_library_version), never an edit of a published one."""

from django.contrib import admin

from opmars.accounts.admin import ReadOnly
from opmars.impact.models import Indicator, Proxy, ProxyLibrary


class ProxyInline(ReadOnly, admin.TabularInline):
    model = Proxy
    extra = 0
    fields = ["key", "value", "low", "high", "unit", "currency", "price_year", "status", "verified"]


@admin.register(ProxyLibrary)
class ProxyLibraryAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["version", "released", "note"]
    inlines = [ProxyInline]


@admin.register(Indicator)
class IndicatorAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["code", "name", "unit", "primary_target", "relation", "proxy_key"]
    list_filter = ["theme", "relation"]
