"""What the dashboard's tests share: results KASN determined through the real workflow (submit, four verification
rounds, publish), results written directly for volume, and a page cache like production's."""

from decimal import Decimal

import pytest
from django.core.cache import caches
from django.utils import timezone

from assessment.assessments import SelfAssessment
from assessment.teams import TeamMember
from assessment.verification import publish
from meritopedia.models import RubricVersion
from portal.models import Instansi
from tests.assessment.factories import (
    answer_all,
    assign_verifier,
    make_assessment,
    make_team,
    make_user,
    submit_assessment,
    verify_round,
)

SUMEDANG = "Pemerintah Kabupaten Sumedang"  # Jawa Barat, not in the deck's SIPINTER table


def determine(instansi: Instansi, year: int, level="half", name="ketua") -> SelfAssessment:
    """The year's assessment answered at `level` on every indicator, submitted and verified in all four rounds as
    claimed: determined (Pasal 17), not published."""
    member = TeamMember.objects.filter(team__instansi=instansi, role=TeamMember.KETUA).first()
    ketua = member.user if member else make_user(f"{name}-{instansi.pk}")
    if member is None:
        make_team(instansi, ketua)
    verifier = make_user(f"verifikator-{instansi.pk}-{year}")
    assessment = make_assessment(instansi, year, ketua)
    answer_all(assessment, ketua, level)
    for _round in range(4):
        verify_round(submit_assessment(assessment), verifier)
        assessment.refresh_from_db()
    assert assessment.status == SelfAssessment.DITETAPKAN and assessment.published_at is None
    assessment.verifier = verifier
    return assessment


def publish_result(assessment: SelfAssessment) -> SelfAssessment:
    publish(assessment, assessment.verifier, assign_verifier(assessment.instansi, assessment.verifier))
    assessment.refresh_from_db()
    return assessment


def written(instansi: Instansi, year: int, points, published=True, status=SelfAssessment.DITETAPKAN):
    """A result written straight to the database (as the workflow leaves it), for tests that need many."""
    version = RubricVersion.objects.get(is_current=True)
    points = Decimal(str(points))
    band = version.category_for(points)
    now = timezone.now()
    determined = status == SelfAssessment.DITETAPKAN
    return SelfAssessment.objects.create(
        instansi=instansi, year=year, version=version, status=status,
        verified_points=points if determined else None, index=version.index_for(points) if determined else None,
        category=band.name if determined and band else "", determined_at=now if determined else None,
        published_at=now if published else None,
    )


@pytest.fixture
def page_cache(settings):
    """The production arrangement, with local memory instead of files (tests use a dummy "pages" cache)."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "dashboard-pages"},
    }
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


@pytest.fixture
def sumedang():
    return Instansi.objects.get(name=SUMEDANG)
