from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "opmars.rights"
    label = "rights"
    verbose_name = "Lokale rechten"

    def generate_demo(self, seed, progress):
        from opmars.rights.demo import generate_demo

        generate_demo(seed, progress)
