"""No cached page outlives what it shows (review item 5): every model of the portal's apps either invalidates the
page cache when it changes, is saved with a parent that does, or is known not to show on public pages. A new
model fails here until someone decides which it is."""

from django.apps import apps
from modelcluster.fields import ParentalKey

from portal.purges import shown_on_pages

# Models whose rows never show on a public page, and why.
NOT_SHOWN = {
    "cop.PracticeReviewTask": "the editors' moderation step, in the admin only",
    "search.ZeroResultDailyHits": "counts for the editors' search report",
    "search.SearchDocument": "the search index, rewritten after the page saves that invalidate",
    # The penilaian mandiri is private to an instansi's team and its verifikator: its pages are never cached. Its
    # published results (SelfAssessment, with the Verifikasi Akhir's RoundAspectScore) show on the dashboard, which
    # declares their purge in dashboard/figures.py.
    **{
        f"assessment.{name}": "private to the team and its verifikator, on pages the cache never keeps"
        for name in (
            "Team", "TeamMember", "Invitation", "VerifierAssignment", "Answer", "Evidence",
            "VerificationRound", "IndicatorReview", "ActionItem", "AssessmentLogEntry",
        )
    },
}


def _covered(model) -> bool:
    if shown_on_pages(model):
        return True
    return any(
        isinstance(field, ParentalKey) and _covered(field.related_model)
        for field in model._meta.get_fields()
        if field.concrete
    )


def test_every_model_shown_on_pages_invalidates_the_cached_copies():
    unclassified = [
        model._meta.label
        for app in ("portal", "meritopedia", "cop", "assessment", "dashboard", "lab", "search")
        for model in apps.get_app_config(app).get_models()
        if not _covered(model) and model._meta.label not in NOT_SHOWN
    ]
    assert unclassified == []
    assert shown_on_pages(apps.get_model("cop", "MemberProfile"))
    assert shown_on_pages(apps.get_model("wagtailcore", "CollectionViewRestriction"))
    # Published results show on the public dashboard: a publish (or an unpublish) purges its pages.
    assert shown_on_pages(apps.get_model("assessment", "SelfAssessment"))
    assert shown_on_pages(apps.get_model("assessment", "RoundAspectScore"))
