"""Every row of `rows.ROWS` against every actor and every probe: no leaks, and the allowed actors do see it."""

import pytest

from .matrix import sweep
from .probes import PROBES
from .rows import ROWS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("search_index")]


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name.replace(" ", "-"))
def test_only_allowed_actors_see_the_object_and_they_do(row, ctx):
    outcome = sweep(row, row.make(ctx), ctx, PROBES)
    assert not outcome.leaks, outcome.report()
    assert not outcome.misses, outcome.report()
