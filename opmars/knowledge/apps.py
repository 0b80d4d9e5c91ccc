from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "opmars.knowledge"
    label = "knowledge"
    verbose_name = "Kennis delen"
