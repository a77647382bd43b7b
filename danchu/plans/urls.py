from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("don-vi/<int:unit_id>/", views.plan_list, name="list"),
    path("don-vi/<int:unit_id>/tai-len/", views.upload, name="upload"),
    path("<int:plan_id>/", views.detail, name="detail"),
    path("<int:plan_id>/sua/", views.correct, name="correct"),
    path("<int:plan_id>/ban-hanh/", views.issue, name="issue"),
    path("<int:plan_id>/tong-ket/", views.close, name="close"),
    path("<int:plan_id>/thuc-hien-ke-hoach/", views.link_parent, name="link_parent"),
    path("<int:plan_id>/lap-du-thao-cap-duoi/", views.start_from, name="start_from"),
    path("<int:plan_id>/hoan-thanh/", views.completeness, name="completeness"),
    path("<int:plan_id>/tai-ve/<str:kind>", views.download, name="download"),
    path("<int:plan_id>/tao-co-quan/", views.create_agencies, name="create_agencies"),
    path("noi-dung/<int:item_id>/sua/", views.correct_item, name="correct_item"),
    path("nhiem-vu/", views.my_tasks, name="my_tasks"),
    path("nhiem-vu/<int:task_id>/", views.task_detail, name="task"),
]
