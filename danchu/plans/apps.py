from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "danchu.plans"
    label = "plans"
    verbose_name = "Kế hoạch"
