#!/usr/bin/env python3
"""Draws docs/bench-latency.png and docs/bench-ingest.png from the JSON results in this directory.

    /usr/bin/python3 docs/bench-results/plot.py     (Debian: apt-get install -y python3-matplotlib)
"""
import json
import pathlib

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
DOCS = HERE.parent


def load(name):
    path = HERE / name
    return json.loads(path.read_text()) if path.exists() else []


def latency():
    fig, ax = plt.subplots(figsize=(7.5, 4.5))
    # 10k/100k from the earlier runs, 1M float32 from the --reuse run at normal priority (load ~7, see
    # benchmarks.md). The binary runs are left out: they ran at nice 15 on a loaded machine.
    formats = (load("query-vector-formats.json") + load("query-vector-formats-int4.json")
               + load("query-1m-reuse.json"))
    for fmt, style in (("float32", "o-"), ("int8", "s--"), ("int4", "^--")):
        rows = sorted((r for r in formats if r["vectorFormat"] == fmt), key=lambda r: r["chunks"])
        if rows:
            ax.plot([r["chunks"] for r in rows], [r["knnOnly"]["p50"] for r in rows], style,
                    label=f"Lucene HNSW kNN top 50, {fmt}, p50")
    rows = sorted((r for r in formats if r["vectorFormat"] == "float32"), key=lambda r: r["chunks"])
    if rows:
        ax.plot([r["chunks"] for r in rows], [r["retrieval"]["p50"] for r in rows], "o-", color="black",
                label="Lucene hybrid retrieval (BM25 + kNN + RRF), p50")
        ax.plot([r["chunks"] for r in rows], [r["retrieval"]["p99"] for r in rows], "o:", color="black",
                label="Lucene hybrid retrieval, p99")
    memory = sorted(load("memory-store.json") + load("memory-store-1m.json"), key=lambda r: r["chunks"])
    if memory:
        ax.plot([r["chunks"] for r in memory], [r["search"]["p50"] for r in memory], "D-", color="tab:red",
                label="LangChain4j InMemoryEmbeddingStore top 50, p50")
        ax.plot([r["chunks"] for r in memory], [r["search"]["p99"] for r in memory], "D:", color="tab:red",
                label="InMemoryEmbeddingStore, p99")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("chunks in the collection (512-d synthetic clustered vectors)")
    ax.set_ylabel("latency per query, ms (log)")
    ax.set_title("Search latency against collection size (2 shared vCPUs)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7.5)
    fig.tight_layout()
    fig.savefig(DOCS / "bench-latency.png", dpi=110)


def ingest():
    runs = ["stub-ingest-scifact-200ms.json", "stub-ingest-scifact-100ms.json", "stub-ingest-scifact-50ms.json",
            "stub-ingest-drcd-files-200ms.json", "stub-ingest-scifact-256d.json"]
    rows = [r for name in runs for r in load(name)]
    labels = [f"{r['dataset']}\n{r['dimension']}-d, {r['latencyMillis']} ms\nbatch {r['embedBatchSize']},"
              f" {r['callsInFlight']} in flight" for r in rows]
    overall = [100 * r["shareOfCapacity"] for r in rows]
    embedding = [100 * r["embeddingShareOfCapacity"] for r in rows]
    busy = [100 * r["serverUtilisation"] for r in rows]
    fig, ax = plt.subplots(figsize=(12, 5))
    xs = range(len(labels))
    ax.bar([x - 0.27 for x in xs], overall, width=0.27, label="whole ingestion (chunk + embed + index)")
    ax.bar(list(xs), busy, width=0.27, label="stub slots busy")
    ax.bar([x + 0.27 for x in xs], embedding, width=0.27, label="while an embedding call was in flight")
    ax.axhline(80, color="gray", linestyle="--", linewidth=1)
    ax.text(-0.5, 81, "80% target", fontsize=8, color="gray")
    ax.set_xticks(list(xs))
    ax.set_xticklabels(labels, fontsize=6.5)
    ax.set_ylim(0, 100)
    ax.set_ylabel("% of the stub's capacity")
    ax.set_title("Ingestion through the Yunwang client against the stub (4 slots x 16 texts); shared 2-core machine,"
                 " load average 25-30: the process got ~0.5 cores", fontsize=9)
    ax.legend(fontsize=8, loc="upper right")
    fig.tight_layout()
    fig.savefig(DOCS / "bench-ingest.png", dpi=110)


if __name__ == "__main__":
    latency()
    ingest()
