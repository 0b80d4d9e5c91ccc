from django.apps import AppConfig
from django.db.models.signals import post_migrate

from opmars.security import backup


class RegistryConfig(AppConfig):
    name = "opmars.registry"
    label = "registry"
    verbose_name = "Register"

    def ready(self):
        from opmars.caching import changes
        from opmars.registry import scopes  # its signal receivers too

        changes.name_scopes_with(scopes.of_collectives)
        from opmars.registry.search import ensure_search_index

        # After every migrate, not in one migration: SQLite rebuilds a table when a later
        # migration alters it, and that silently drops the FTS triggers.
        post_migrate.connect(ensure_search_index, sender=self)
        backup.restored.connect(reconstruct_history, dispatch_uid="registry.history")

    def generate_demo(self, seed, progress):
        from opmars.registry.demo_start import create_journey_start

        # Fixed, not drawn from the seed: the start of the volunteer's journey (claim, edit).
        if create_journey_start():
            progress("Fictieve buurtcoöperatie voor het claimen gemaakt")


def reconstruct_history(**_kwargs):
    """A restored backup from before life-cycle events gets them as an upgrade does."""
    from django.apps import apps

    from opmars.registry.history import reconstruct_all

    reconstruct_all(apps)
