from django.apps import AppConfig
from django.db.models.signals import post_migrate


class KnowledgeConfig(AppConfig):
    name = "opmars.knowledge"
    label = "knowledge"
    verbose_name = "Kennis delen"

    def ready(self):
        from opmars.knowledge.search import ensure_search_index

        # After every migrate (not in a migration): SQLite table rebuilds drop FTS triggers.
        post_migrate.connect(ensure_search_index, sender=self)

    def generate_demo(self, seed, progress):
        from opmars.knowledge.demo import generate_demo

        generate_demo(seed, progress)

    def demo_logins(self):
        from opmars.knowledge.demo import DAAN_EMAIL, SHARER_EMAIL

        return [
            ("daan", DAAN_EMAIL, "voorzitter van een jonge energiecoöperatie met een vraag"),
            ("kennisdeler", SHARER_EMAIL, "redacteur van de collectieven die kennis delen"),
        ]
