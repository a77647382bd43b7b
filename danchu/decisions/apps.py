from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "danchu.decisions"
    label = "decisions"
    verbose_name = "Dân bàn, dân quyết"
