"""The search page and its JSON twin."""

from django.urls import path

from . import views

urlpatterns = [
    path("cari/", views.search, name="search"),
    path("api/search/", views.api_search, name="api_search"),
    path("api/search/autocomplete/", views.api_autocomplete, name="api_search_autocomplete"),
]
