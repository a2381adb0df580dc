"""analyze borrows a Dask cluster on this machine quietly: the dashboard feeds of its servers
(profiler, event-loop tick, monitors) are slowed while it runs and put back afterwards."""

import pytest

import oped_analysis as oa

distributed = pytest.importorskip("distributed")


def feeds(client):
    """Each worker's and the scheduler's feed callbacks: name -> (milliseconds, running)."""
    from oped_analysis.pipeline import QUIET_FEEDS

    def state(dask_worker=None, dask_scheduler=None):
        server = dask_worker or dask_scheduler
        return {name: (pc.callback_time, pc.is_running()) for name, pc in server.periodic_callbacks.items()
                if name in QUIET_FEEDS}

    return {"workers": client.run(state), "scheduler": client.run_on_scheduler(state)}


@pytest.fixture
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        yield client


def test_feeds_are_slowed_while_borrowed_and_put_back_after(client):
    from oped_analysis.pipeline import _quiet_feeds

    before = feeds(client)
    assert all(s["profile"] == (10, True) for s in before["workers"].values())  # Dask's defaults
    with _quiet_feeds(client):
        during = feeds(client)
        with _quiet_feeds(client):  # a second run on the same cluster
            assert feeds(client) == during
        assert feeds(client) == during  # the inner run leaves it quiet for the outer one
    assert all(not s["profile"][1] and s["tick"][0] == 1000 for s in during["workers"].values())
    assert during["scheduler"]["tick"][0] == 1000 and during["scheduler"]["monitor"][0] == 5000
    assert feeds(client) == before


def test_analyze_on_a_users_cluster_leaves_its_feeds_as_they_were(client, tmp_path, seeds):
    before = feeds(client)
    summary = oa.analyze(seeds, tmp_path / "out", engine="dask", scheduler=client, chunk_size=1,
                         progress=False)
    assert summary.articles == 2 and not summary.problems
    assert feeds(client) == before
