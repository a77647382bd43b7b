from django.apps import AppConfig


class PetitionsConfig(AppConfig):
    name = "danchu.petitions"
    label = "petitions"
    verbose_name = "Phản ánh, kiến nghị và tiếp công dân"
