from django.urls import path

from .views import actions, elections, household, official, public

app_name = "decisions"
urlpatterns = [
    path("don-vi/<int:unit_id>/", official.unit_list, name="unit"),
    path("don-vi/<int:unit_id>/moi/", official.create, name="create"),
    path("don-vi/<int:unit_id>/bau-cu/", elections.create, name="election_create"),
    path("<int:decision_id>/", official.detail, name="detail"),
    path("<int:decision_id>/bau-cu/buoc/", elections.step, name="election_step"),
    path("<int:decision_id>/tai-lieu/<str:kind>.<str:fmt>", official.document, name="document"),
    path("<int:decision_id>/phieu.pdf", official.paper_batch, name="paper_batch"),
    path("<int:decision_id>/thong-bao/", actions.announce, name="announce"),
    path("<int:decision_id>/mo/", actions.open_voting, name="open"),
    path("<int:decision_id>/du-hop/", actions.attendance, name="attendance"),
    path("<int:decision_id>/uy-quyen/", actions.authorise, name="authorise"),
    path("<int:decision_id>/thu-tuc/", actions.procedural, name="procedural"),
    path("<int:decision_id>/giai-tay/", actions.meeting_counts, name="meeting_counts"),
    path("<int:decision_id>/phat-phieu/", actions.switch, name="switch"),
    path("<int:decision_id>/in-phieu/", actions.issue_paper, name="issue_paper"),
    path("<int:decision_id>/nhan-phieu/", actions.paper_return, name="paper_return"),
    path("<int:decision_id>/ket-thuc/", actions.close, name="close"),
    path("<int:decision_id>/kiem-phieu/", actions.tally, name="tally"),
    path("<int:decision_id>/cong-bo/", actions.publish, name="publish"),
    path("<int:decision_id>/cong-nhan/", actions.recognise, name="recognise"),
    path("<int:decision_id>/khong-cong-nhan/", actions.refuse_recognition, name="refuse"),
    path("<int:decision_id>/nhiem-vu/", actions.task, name="task"),
    path("<int:decision_id>/hoan-thanh/", actions.implemented, name="implemented"),
    path("<int:decision_id>/to-chuc-lai/", actions.rerun, name="rerun"),
    path("phieu-cua-toi/", household.my_ballots, name="my_ballots"),
    path("<int:decision_id>/bieu-quyet/", household.vote, name="vote"),
    path("xa/<int:commune_id>/ket-qua/", public.public_list, name="public_list"),
    path("ket-qua/<int:decision_id>/", public.public, name="public"),
    path("ket-qua/<int:decision_id>/ban-ghi.json", public.record, name="record"),
]
