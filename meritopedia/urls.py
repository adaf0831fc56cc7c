"""Meritopedia's addresses that are not pages: the permanent indicator address and the article feeds."""

from django.urls import path

from . import views
from .feeds import ArticleFeed, AtomArticleFeed

urlpatterns = [
    path("indikator/<str:code>/", views.indicator, name="indicator"),
    path("meritopedia/feed/", ArticleFeed(), name="article_feed"),
    path("meritopedia/feed/atom/", AtomArticleFeed(), name="article_feed_atom"),
]
