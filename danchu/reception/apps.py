from django.apps import AppConfig


class ReceptionConfig(AppConfig):
    name = "danchu.reception"
    label = "reception"
    verbose_name = "Tiếp công dân và đối thoại trực tiếp"
