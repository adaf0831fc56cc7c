"""django-modelcluster's child relations, listed once per model (portal/apps.py) instead of on every instance built:
the same lists modelcluster makes, a copy for each caller, and pages still take their children as arguments."""

import pytest
from modelcluster import models as modelcluster
from modelcluster.fields import ParentalKey, ParentalManyToManyField

from meritopedia.models import ArticlePage

pytestmark = pytest.mark.django_db


def test_child_relations_are_modelclusters_own_lists_made_once(monkeypatch):
    relations = [f for f in ArticlePage._meta.get_fields() if isinstance(f.remote_field, ParentalKey)]
    many = [f for f in ArticlePage._meta.get_fields() if isinstance(f, ParentalManyToManyField)]
    assert {f.name for f in relations} >= {"tagged_items", "authors"}
    assert {f.name for f in many} == {"aspects", "indicators"}
    assert modelcluster.get_all_child_relations(ArticlePage) == relations
    assert modelcluster.get_all_child_m2m_relations(ArticlePage(title="x")) == many

    modelcluster.get_all_child_relations(ArticlePage).clear()  # a caller's copy
    monkeypatch.setattr(ArticlePage._meta, "get_fields", lambda **kwargs: [])  # not asked again
    assert modelcluster.get_all_child_relations(ArticlePage) == relations
    assert modelcluster.get_all_child_m2m_relations(ArticlePage) == many


def test_a_page_still_takes_its_children_as_arguments():
    from meritopedia.articles import ArticleAuthor

    page = ArticlePage(title="Contoh", authors=[ArticleAuthor(name="Tim KASN")])
    assert [author.name for author in page.authors.all()] == ["Tim KASN"]
