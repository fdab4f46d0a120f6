"""make check relies on ``--dist loadgroup`` to run every test of one TF configuration on one xdist
worker, so that each TF worker process (3-7 s to start) starts once per run.  pytest 9.2 broke that
silently (pytest-xdist#1386: tests were spread as if unmarked); this test fails if it breaks again."""
import os

import pytest


@pytest.mark.xdist_group("grouping-check")
def test_a_grouped_test_carries_its_group_to_the_scheduler(request):
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        pytest.skip("not under xdist (make check runs pytest -n auto)")
    if not getattr(request.config.option, "loadgroup", False):  # xdist sets it on its workers
        pytest.skip("run without --dist loadgroup")
    assert request.node.nodeid.endswith("@grouping-check"), (
        f"xdist's loadgroup did not group this test (node id {request.node.nodeid!r}): tests of one TF "
        "configuration would start that configuration's worker on every xdist worker; see requirements.txt")
