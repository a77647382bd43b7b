from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "danchu.reports"
    label = "reports"
    verbose_name = "Báo cáo định kỳ"

    def ready(self) -> None:
        from danchu.accounts import demo
        from danchu.plans import reminders

        from . import demo as report_demo
        from . import reminders as report_reminders

        reminders.register(report_reminders.scan)
        demo.register(report_demo.seed)
