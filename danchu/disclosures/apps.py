from django.apps import AppConfig


class DisclosuresConfig(AppConfig):
    name = "danchu.disclosures"
    label = "disclosures"
    verbose_name = "Công khai thông tin"

    def ready(self) -> None:
        from danchu.accounts import demo
        from danchu.core import daily

        from . import demo as disclosure_demo
        from . import services

        daily.register(services.announce_started)
        demo.register(disclosure_demo.seed)
