from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "opmars.api"
    label = "api"
    verbose_name = "API"

    def generate_demo(self, seed, progress):
        from opmars.api.demo import generate_demo

        generate_demo(seed, progress)

    def demo_logins(self):
        from opmars.api.demo import UMBRELLA_ADMIN_EMAIL

        return [
            (
                "koepelbeheerder",
                UMBRELLA_ADMIN_EMAIL,
                "beheert een koepel waarvan de leden hun jaarcijfers laten bijwerken",
            )
        ]
