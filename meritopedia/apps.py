from django.apps import AppConfig


class MeritopediaConfig(AppConfig):
    name = "meritopedia"
    verbose_name = "Meritopedia"
