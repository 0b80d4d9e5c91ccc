from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "opmars.monitor"
    label = "monitor"
    verbose_name = "Monitor"

    def generate_demo(self, seed, progress):
        # The last app's hook, so the dump holds every other app's demo records. In the demo
        # the background task runs at once.
        from opmars.dataio.opendata import make_dump

        make_dump.enqueue()
        progress("Open-datadump gemaakt.")
