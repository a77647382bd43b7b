from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "danchu.core"
    label = "core"
    verbose_name = "Lõi hệ thống"
