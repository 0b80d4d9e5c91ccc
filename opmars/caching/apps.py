from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class CachingConfig(AppConfig):
    name = "opmars.caching"
    label = "caching"
    verbose_name = "Caching"

    def ready(self):
        # Migrations may change data in place (data migrations, reference reloads): whatever was
        # cached under the old generation must not be served after a deploy.
        post_migrate.connect(_bump_after_migrate, sender=self)
        # Admin edits save models directly, without the service functions; the admin logs each.
        post_save.connect(_bump_after_admin_edit, sender="admin.LogEntry")


def _bump_after_migrate(using, **kwargs):
    from opmars.caching import generation

    generation.bump_if_installed(using)


def _bump_after_admin_edit(instance, **kwargs):
    from opmars.caching import changes

    model = instance.content_type.model_class() if instance.content_type_id else None
    changes.record_admin_edit(model, instance.object_id)
