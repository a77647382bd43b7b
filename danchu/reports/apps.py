from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "danchu.reports"
    label = "reports"
    verbose_name = "Báo cáo định kỳ"

    def ready(self) -> None:
        from danchu.plans import reminders

        from . import reminders as report_reminders

        reminders.register(report_reminders.scan)
