from django.apps import AppConfig


class ConventionsConfig(AppConfig):
    name = "danchu.conventions"
    label = "conventions"
    verbose_name = "Hương ước, quy ước"
