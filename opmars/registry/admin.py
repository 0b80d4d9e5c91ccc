"""Staff tools in Django's admin. Edits of collectives belong in the site's forms, which go
through registry.actions and leave an audit trail, so the admin shows them read-only."""

from django.contrib import admin

from opmars.registry.models import Collective, YearlyFacts


class FactsInline(admin.TabularInline):
    model = YearlyFacts
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Collective)
class CollectiveAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "status", "is_verified", "is_demo"]
    list_filter = ["kind", "status", "is_verified", "is_demo", "municipality__province"]
    search_fields = ["name", "slug", "kvk_number"]
    inlines = [FactsInline]
    list_select_related = ["municipality"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
