from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "danchu.portal"
    label = "portal"
    verbose_name = "Cổng thông tin người dân"
