from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("quen-mat-khau/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "quen-mat-khau/da-gui/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "dat-lai-mat-khau/xong/",
        auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"),
        name="password_reset_complete",
    ),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path("ban-lam-viec/", views.workspace, name="workspace"),
    path("chuyen-vai-tro/", views.switch, name="switch_role"),
    path("ho-cua-toi/", views.my_household, name="my_household"),
    path("thong-bao/", views.notifications, name="notifications"),
    path("don-vi/<int:unit_id>/vai-tro/", views.roles, name="roles"),
    path("vai-tro/<int:role_id>/thu-hoi/", views.revoke, name="revoke_role"),
    path("ho/<int:household_id>/cap-tai-khoan/", views.citizen_account, name="citizen_account"),
]
