from django.core.management.base import BaseCommand

from opmars.registry.freshness import send_reminders


class Command(BaseCommand):
    help = "Vraag redacteuren per e-mail of de gegevens van hun collectief nog kloppen (jaarlijks)."

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(f"Herinnering gestuurd voor {count} collectieven.")
