#!/usr/bin/env python3
"""A flame graph (SVG) and a top-frames summary from a JFR recording's execution samples.

    jfr print --json --events jdk.ExecutionSample rec.jfr > samples.json
    python3 docs/bench-results/flamegraph.py samples.json --keep HybridRetriever.retrieve,IndexSnapshot \
        --svg docs/query-path-100k.svg --top 25

Only the samples whose stack holds one of the --keep frames (substring of "Class.method") are drawn, so a profile of
a whole `bench query` run shows the query path without the build or the recall scan. A sample of the BM25 branch runs
on another thread than the retriever, which is why the index's own frames are kept as well.
"""
import argparse
import collections
import html
import json


def frames_of(event):
    stack = event["values"]["stackTrace"]
    if not stack:
        return []
    names = []
    for frame in stack["frames"]:
        method = frame["method"]
        cls = method["type"]["name"].replace("/", ".").split(".")[-1]
        names.append(cls + "." + method["name"])
    names.reverse()  # root first
    return names


def load(path, keep):
    with open(path) as f:
        events = json.load(f)["recording"]["events"]
    stacks = collections.Counter()
    for event in events:
        names = frames_of(event)
        if names and (not keep or any(k in n for n in names for k in keep)):
            stacks[tuple(names)] += 1
    return stacks


def tree(stacks):
    root = {"name": "all", "count": 0, "children": {}}
    for names, count in stacks.items():
        root["count"] += count
        node = root
        for name in names:
            child = node["children"].setdefault(name, {"name": name, "count": 0, "children": {}})
            child["count"] += count
            node = child
    return root


def svg(root, title, width=1400, row=16):
    rects = []
    depth_max = [0]

    def walk(node, x, depth):
        depth_max[0] = max(depth_max[0], depth)
        w = width * node["count"] / root["count"]
        rects.append((x, depth, w, node))
        cx = x
        for child in sorted(node["children"].values(), key=lambda c: c["name"]):
            walk(child, cx, depth + 1)
            cx += width * child["count"] / root["count"]

    walk(root, 0, 0)
    height = (depth_max[0] + 1) * row + 40
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="monospace" font-size="11">'
           % (width, height),
           '<text x="4" y="16" font-size="14">%s</text>' % html.escape(title)]
    for x, depth, w, node in rects:
        if w < 0.5:
            continue
        y = height - (depth + 1) * row
        share = 100.0 * node["count"] / root["count"]
        hue = 20 + (hash(node["name"]) % 40)
        label = node["name"] if w > 7 * len(node["name"]) else node["name"][: max(0, int(w / 7) - 1)]
        out.append('<g><title>%s (%d samples, %.1f%%)</title><rect x="%.1f" y="%d" width="%.1f" height="%d" '
                   'fill="hsl(%d,90%%,60%%)" stroke="white" stroke-width="0.5"/><text x="%.1f" y="%d">%s</text></g>'
                   % (html.escape(node["name"]), node["count"], share, x, y, w, row - 1, hue, x + 2, y + row - 4,
                      html.escape(label)))
    out.append("</svg>")
    return "\n".join(out)


def top_frames(stacks, n):
    """Self time (the sampled top frame) and total time (anywhere on the stack) per frame."""
    total = sum(stacks.values())
    self_counts = collections.Counter()
    inclusive = collections.Counter()
    for names, count in stacks.items():
        self_counts[names[-1]] += count
        for name in set(names):
            inclusive[name] += count
    lines = ["samples: %d" % total, "", "| self % | frame |", "|---|---|"]
    for name, count in self_counts.most_common(n):
        lines.append("| %.1f | `%s` |" % (100.0 * count / total, name))
    lines += ["", "| total % | frame |", "|---|---|"]
    for name, count in inclusive.most_common(n):
        lines.append("| %.1f | `%s` |" % (100.0 * count / total, name))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("samples")
    parser.add_argument("--keep", default="")
    parser.add_argument("--svg")
    parser.add_argument("--title", default="query path")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    keep = [k for k in args.keep.split(",") if k]
    stacks = load(args.samples, keep)
    if args.svg:
        with open(args.svg, "w") as f:
            f.write(svg(tree(stacks), args.title))
    print(top_frames(stacks, args.top))


if __name__ == "__main__":
    main()
