from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    name = "danchu.disclosures"
    label = "disclosures"
    verbose_name = "Công khai thông tin"
