#!/usr/bin/env python3
"""Markdown tables from the raw results of scripts/bench.sh.

    summarize.py BENCH_DIR N [N ...]
"""
import json
import os
import statistics
import sys


def read_time(path, runs):
    """Last `runs` lines of a /usr/bin/time -f '%e %U %S %M' log → dicts."""
    if not os.path.exists(path):
        return []
    rows = [l.split() for l in open(path) if l.strip() and l.split()[0][0].isdigit()]
    rows = rows[-runs:] if runs else rows
    return [{"wall": float(r[0]), "cpu": float(r[1]) + float(r[2]), "rss": int(r[3]) * 1024} for r in rows]


def json_line(path):
    if not os.path.exists(path):
        return None
    for l in open(path):
        if l.startswith("JSON "):
            return json.loads(l[5:])
    return None


def mib(b):
    return f"{b / 2**20:,.0f} MiB" if b < 2**30 else f"{b / 2**30:.2f} GiB"


def spread(xs, unit="s"):
    if not xs:
        return "—"
    if len(xs) == 1:
        return f"{xs[0]:.2f} {unit}"
    return f"{statistics.mean(xs):.2f} {unit} ({min(xs):.2f}–{max(xs):.2f})"


def main():
    d = sys.argv[1]
    sizes = [int(x) for x in sys.argv[2:]]
    out = []
    if os.path.exists(os.path.join(d, "env.txt")):
        out.append("```\n" + open(os.path.join(d, "env.txt")).read().strip() + f"\nload after: {open('/proc/loadavg').read().split()[:3]}\n```\n")
    for n in sizes:
        w = os.path.join(d, f"n{n}")
        hf = json.load(open(os.path.join(w, "hyperfine.json")))["results"]
        runs = len(hf[0]["times"])
        t = read_time(os.path.join(w, "touming.time"), runs)
        h = read_time(os.path.join(w, "hugo.time"), runs)
        p = read_time(os.path.join(w, "pagefind.time"), runs)
        sz = dict(l.split() for l in open(os.path.join(w, "sizes.txt")))
        sz = {k: int(v) for k, v in sz.items()}
        pages = sz.get("touming_html_pages", 0)
        out.append(f"### {n} platforms ({n * 11:,} platform and meeting pages; touming wrote {pages:,} HTML files, Hugo {sz.get('hugo_html_pages', 0):,}), {runs} runs\n")
        out.append("| measure | touming build | hugo | pagefind | hugo && pagefind | ratio (peers / touming) |")
        out.append("|---|---|---|---|---|---|")
        hft = {r["command"]: r for r in hf}
        tw = hft["touming"]["times"]
        pw = hft["hugo && pagefind"]["times"]
        out.append(f"| wall time (hyperfine) | {spread(tw)} | {spread([x['wall'] for x in h])} | {spread([x['wall'] for x in p])} | {spread(pw)} | **{statistics.mean(pw) / statistics.mean(tw):.1f}×** |")
        tc = [x["cpu"] for x in t]
        pc = [a["cpu"] + b["cpu"] for a, b in zip(h, p)]
        out.append(f"| CPU time (user+sys) | {spread(tc)} | {spread([x['cpu'] for x in h])} | {spread([x['cpu'] for x in p])} | {spread(pc)} | {statistics.mean(pc) / statistics.mean(tc):.1f}× |")
        tr = max(x["rss"] for x in t)
        hr = max(x["rss"] for x in h)
        pr = max(x["rss"] for x in p)
        out.append(f"| peak RSS (max over runs) | {mib(tr)} | {mib(hr)} | {mib(pr)} | {mib(max(hr, pr))} (sequential: the larger) | **{max(hr, pr) / tr:.1f}×** |")
        out.append(f"| search index | {mib(sz['touming_search_bytes'])}, {sz['touming_search_files']:,} files | — | {mib(sz['pagefind_bytes'])}, {sz['pagefind_files']:,} files | | |")
        out.append(f"| whole output | {mib(sz['touming_site_bytes'])}, {sz['touming_site_files']:,} files | {mib(sz['hugo_site_bytes'] - sz['pagefind_bytes'])} | | {mib(sz['hugo_site_bytes'])} | |")
        rt = json_line(os.path.join(w, "recall-touming.txt"))
        bt = json_line(os.path.join(w, "recall-touming-browser.txt"))
        bp = json_line(os.path.join(w, "recall-pagefind.txt"))
        out.append("")
        out.append("| search (full platform title, first query on a fresh page) | touming (Rust engine, index files + JS/CSS) | touming (Chromium sample) | Pagefind 1.6 (Chromium) |")
        out.append("|---|---|---|---|")
        def rc(x, key="first"):
            return f"{x[key]}/{x['queries']}" if x else "—"
        out.append(f"| platform page ranked first | **{rc(rt)}** | {rc(bt)} | **{rc(bp)}** |")
        out.append(f"| platform page in top 10 | — | {rc(bt, 'top10')} | {rc(bp, 'top10')} |")
        out.append(f"| no result at all | — | {rc(bt, 'no_result')} | {rc(bp, 'no_result')} |")
        def by(x, k):
            return f"{x[k] / 1024:,.0f} KiB" if x else "—"
        for k, label in (("bytes_median", "median"), ("bytes_p90", "p90"), ("bytes_max", "max")):
            out.append(f"| bytes fetched, {label} | {by(rt, k)} | {by(bt, k)} | {by(bp, k)} |")
        out.append(f"| queries over 200 KiB | {rc(rt, 'over_200k')} | {rc(bt, 'over_200k')} | {rc(bp, 'over_200k')} |")
        for x, name in ((rt, "touming"), (bt, "touming (Chromium)"), (bp, "Pagefind")):
            if x and x.get("misses"):
                out.append(f"\n{name} misses (first {min(len(x['misses']), 10)}): " + "; ".join(x["misses"][:10]))
        if rt and rt.get("common"):
            out.append("\ntouming, other first queries (Rust engine): " + ", ".join(f"{c['q']} {c['results']:,} results {c['bytes'] / 1024:,.0f} KiB" for c in rt["common"]))
        out.append("")
    sc = os.path.join(d, "scaling.txt")
    if os.path.exists(sc):
        out.append("### Peak RSS as content grows (one build each)\n")
        out.append("| platforms | pages | touming wall / CPU / peak RSS | hugo wall / CPU / peak RSS | pagefind wall / CPU / peak RSS |")
        out.append("|---|---|---|---|---|")
        for l in open(sc):
            f = l.split()
            if len(f) < 17:
                continue
            n = int(f[0])
            def cell(i):
                return f"{float(f[i]):.1f} s / {float(f[i + 1]) + float(f[i + 2]):.1f} s / {mib(int(f[i + 3]) * 1024)}"
            out.append(f"| {n:,} | {n * 11:,} | {cell(3)} | {cell(8)} | {cell(13)} |")
        out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
