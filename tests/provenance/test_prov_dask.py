"""The Dask step of the clustering: statements signed on the workers give the clusters of a local update."""

from __future__ import annotations

import pytest
from prov_data import acceptance_set, quote_article

from whosaid.provenance import ProvenanceParams, update_clusters
from whosaid.store import Store

pytest.importorskip("distributed")


def snapshot(store: Store) -> list[tuple]:
    rows = store._rows(
        "SELECT m.attribution_id, m.cluster_id, m.words, m.speaker_key, m.is_variant, "
        "m.speaker_conflict FROM cluster_members m ORDER BY m.attribution_id"
    )
    return [tuple(r) for r in rows] + [tuple(c.values()) for c in store.clusters(min_size=1, limit=1000)]


def corpus() -> list:
    extra = [
        quote_article(
            f"x{i}",
            f"2024-04-{i + 1:02d}",
            f"Outlet {i % 3}",
            "Cy Dee",
            f"we will open {i % 4} new libraries in the north of the city next spring",
        )
        for i in range(12)
    ]
    return acceptance_set() + extra


@pytest.mark.slow
def test_dask_signer_gives_the_local_clusters():
    from whosaid.scale.cluster import dask_signer, make_client

    with Store(":memory:") as local, Store(":memory:") as remote:
        local.upsert_many(corpus())
        remote.upsert_many(corpus())
        update_clusters(local, ProvenanceParams(chunk=4))
        client = make_client(workers=2)
        try:
            done = update_clusters(remote, ProvenanceParams(chunk=4), sign=dask_signer(client, ProvenanceParams()))
        finally:
            cluster = client.cluster
            client.close()
            cluster.close()
        assert done.looked_at == len(corpus())
        assert snapshot(remote) == snapshot(local)
        assert any(c["size"] == 12 for c in remote.clusters())
