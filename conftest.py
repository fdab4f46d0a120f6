"""Shared pytest set-up: hypothesis profiles and the TensorFlow worker pool.

The pytest process itself never imports TensorFlow: programs run in worker
processes (conformance/worker.py), one per configuration, started on first use.
"""
import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=60, derandomize=True, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=200, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=5000, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def tf_pool():
    from conformance.runner import WorkerPool

    pool = WorkerPool()
    yield pool
    pool.close()
