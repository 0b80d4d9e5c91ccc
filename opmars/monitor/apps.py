from django.apps import AppConfig


class MonitorConfig(AppConfig):
    name = "opmars.monitor"
    label = "monitor"
    verbose_name = "Monitor"

    def ready(self):
        from opmars.caching import changes
        from opmars.monitor import summaries

        # The area figures kept on write follow each committed write (decision 0055).
        changes.committed.connect(summaries.catch_up, dispatch_uid="monitor.summaries")
