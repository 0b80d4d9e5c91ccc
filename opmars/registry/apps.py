from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RegistryConfig(AppConfig):
    name = "opmars.registry"
    label = "registry"
    verbose_name = "Register"

    def ready(self):
        from opmars.registry.search import ensure_search_index

        # After every migrate, not in one migration: SQLite rebuilds a table when a later
        # migration alters it, and that silently drops the FTS triggers.
        post_migrate.connect(ensure_search_index, sender=self)
