from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "danchu.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và vai trò"
