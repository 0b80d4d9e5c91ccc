from django.apps import AppConfig


class DataioConfig(AppConfig):
    name = "opmars.dataio"
    label = "dataio"
    verbose_name = "Import en export"

    def generate_demo(self, seed, progress):
        from opmars.dataio.demo import create_staff_journey_start

        # Fixed, not drawn from the seed: the start of the staff and network journeys.
        made = create_staff_journey_start()
        if made:
            progress(made)
