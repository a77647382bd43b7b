from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "danchu.api"
    label = "api"
    verbose_name = "API"
