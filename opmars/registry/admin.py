"""Staff tools in Django's admin. Edits of collectives belong in the site's forms, which go
through registry.actions and leave an audit trail, so the admin shows them read-only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from opmars.accounts.admin import ReadOnly
from opmars.registry import actions
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
class CollectiveAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["name", "kind", "municipality", "status", "is_verified", "is_demo"]
    list_filter = ["kind", "status", "is_verified", "is_demo", "municipality__province"]
    search_fields = ["name", "slug", "kvk_number"]
    inlines = [FactsInline]
    list_select_related = ["municipality"]


@admin.register(YearlyFacts)
class FactsReviewAdmin(ReadOnly, admin.ModelAdmin):
    """Figures held back as implausible wait here; confirming goes through the action (audit)."""

    list_display = ["collective", "year", "members", "volunteers", "paid_staff", "review"]
    list_filter = ["review"]
    search_fields = ["collective__name", "collective__slug"]
    list_select_related = ["collective__municipality"]
    actions = ["confirm"]

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(review="")

    @admin.action(description=_("Cijfers bevestigen: ze tellen mee in de monitor"))
    def confirm(self, request, queryset):
        for facts in queryset.select_related("collective"):
            actions.confirm_facts(request.user, facts)
