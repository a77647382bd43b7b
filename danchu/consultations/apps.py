from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "danchu.consultations"
    label = "consultations"
    verbose_name = "Lấy ý kiến Nhân dân"
