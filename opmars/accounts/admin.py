from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from opmars.accounts.models import AuditEvent, MunicipalityViewer, User


class ReadOnly:
    """Staff read here; writes go through the site's actions, which check and audit them."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(User)
class EmailUserAdmin(UserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name"]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnly, admin.ModelAdmin):
    """The audit trail is append-only: staff can read it, nobody can change it here."""

    list_display = ["created_at", "actor_pseudonym", "action", "target_type", "target_id"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_id", "actor_pseudonym"]


@admin.register(MunicipalityViewer)
class MunicipalityViewerAdmin(admin.ModelAdmin):
    """Staff make a municipal officer a viewer here; there is no self-service for this role."""

    list_display = ["user", "municipality"]
    search_fields = ["user__email", "municipality__name"]
    autocomplete_fields = ["user"]
    raw_id_fields = ["municipality"]
