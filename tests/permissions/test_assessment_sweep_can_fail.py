"""The assessment probe is not blind: an answer's uraian and evidence file, allowed to nobody, are reported as
leaks to the team's ketua and the verifikator on the pages, the report's PDF, XLSX and CSV, and the file."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessment.assessments import Evidence
from tests.cop.test_practices import PDF

from .matrix import Row, new_marker, sweep
from .probes import PROBES
from .rows import _assessed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]

PAGES = ["riwayat/", "laporan/", "laporan.pdf", "laporan.xlsx", "laporan.csv"]


def test_a_private_answer_is_seen_by_its_team_and_verifikator_on_every_assessment_path(ctx):
    marker = new_marker()
    place = _assessed(ctx)
    answer = place.first_answer()
    upload = SimpleUploadedFile("bukti.pdf", PDF.replace(b"%%EOF", f"% {marker}\n%%EOF".encode()))
    place.post_answer(answer, f"Uraian {marker}.", evidence_file=upload)
    handle = place.handle(marker)
    pages = [*PAGES, f"{answer.indicator.aspect.slug}/"]
    file_url = Evidence.objects.get(answer=answer).download_url
    wanted = {
        "member_a": [place.team_url(page) for page in pages] + [file_url],
        "member_b": [place.verifier_url(page) for page in pages] + [file_url],
    }
    outcome = sweep(Row("answer allowed to nobody", lambda ctx: handle), handle, ctx, PROBES)
    missing = {
        actor: [
            url
            for url in urls
            if not any(leak.startswith(f"{actor} sees ") and f" on {url} (" in leak for leak in outcome.leaks)
        ]
        for actor, urls in wanted.items()
    }
    assert missing == {"member_a": [], "member_b": []}, outcome.report()
    assert not [leak for leak in outcome.leaks if leak.split()[0] in ("anonymous", "editor", "superuser")], (
        outcome.report()
    )
