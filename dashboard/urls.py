"""The dashboard's addresses: /dasbor/ by year, a province's drill-down, an instansi's history, the open data, and
the old facts page's address, which moved here."""

from django.urls import path

from . import views

urlpatterns = [
    path("dasbor/", views.dashboard, name="dashboard"),
    path("dasbor/data/<slug:name>.<str:fmt>", views.data, name="dashboard_data"),
    path("dasbor/instansi/<id:instansi_id>/", views.instansi_page, name="dashboard_instansi"),
    path("dasbor/<slug:slug>/", views.province_page, name="dashboard_province"),
    path("fakta-sistem-merit/", views.old_facts_page, name="dashboard_old_facts"),
]
