#!/usr/bin/env python3
"""Convert a touming content tree into a Hugo site with the same searchable text.

    to_hugo.py CONTENT_DIR HUGO_SITE_DIR [--now YYYY-MM-DD]

One Hugo page per platform (a section, content/platforms/<slug>/_index.md) and one per
meeting (content/platforms/<slug>/meetings/<name>.md), carrying the text touming indexes for
them: the platform's background, project, participants, tags, narrative pages
(planning/progress/ethics), Q&A, risks, milestone notes and half-year reports; a meeting's
decisions, actions, attendees, location and minutes. Entries that touming would not publish
(draft, publish_after later than --now, confidential_until) are left out as well. The
layouts (data-pagefind-body on the main text only) are copied from scripts/bench/hugo/.
Needs PyYAML.
"""
import datetime
import json
import os
import re
import shutil
import sys

import yaml

try:
    Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    Loader = yaml.SafeLoader

HERE = os.path.dirname(os.path.abspath(__file__))


def iso(v):
    """A content date (ISO or ROC forms) as ISO, or None."""
    if v is None:
        return None
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.strftime("%Y-%m-%d")
    s = str(v).strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        y, mo, d = map(int, m.groups())
    else:
        m = re.fullmatch(r"(\d{1,3})[-./](\d{1,2})[-./](\d{1,2})", s) or re.fullmatch(r"(\d{2,3})(\d{2})(\d{2})", s)
        if not m:
            return None
        y, mo, d = map(int, m.groups())
        y += 1911
    return f"{y:04d}-{mo:02d}-{d:02d}"


def published(e, now):
    if not isinstance(e, dict):
        return True
    if e.get("draft") is True or e.get("confidential_until"):
        return False
    pa = iso(e.get("publish_after"))
    return not (pa and pa > now)


def front_matter(text):
    if text.startswith("\ufeff"):
        text = text[1:]
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return yaml.load(text[4:end], Loader=Loader) or {}, text[end + 5:]
    return {}, text


def load_yaml(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=Loader) or []


def page(path, fm, body):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write("---\n")
        for k, v in fm.items():
            if v is not None:
                f.write(f"{k}: {json.dumps(v, ensure_ascii=False)}\n")
        f.write("---\n")
        f.write(body)


def strs(xs):
    return [str(x) for x in (xs or []) if isinstance(x, (str, int, float))]


def convert(content, site, now):
    out = os.path.join(site, "content")
    if os.path.exists(out):
        shutil.rmtree(out)
    cfg = yaml.load(open(os.path.join(content, "site.yaml"), encoding="utf-8"), Loader=Loader) or {}
    page(os.path.join(out, "_index.md"), {"title": cfg.get("title", "site")}, "")
    page(os.path.join(out, "platforms", "_index.md"), {"title": "廉政平臺一覽"}, "")
    agencies = {a.get("id"): a for a in load_yaml(os.path.join(content, "agencies.yaml")) if isinstance(a, dict)}
    pages = 0
    root = os.path.join(content, "platforms")
    for slug in sorted(os.listdir(root)):
        pdir = os.path.join(root, slug)
        idx = os.path.join(pdir, "index.md")
        if not os.path.isfile(idx):
            continue
        fm, body = front_matter(open(idx, encoding="utf-8").read())
        if not published(fm, now):
            continue
        title = str(fm.get("title", slug))
        agency = agencies.get(fm.get("agency"), {})
        parts = [body.strip()]
        meta = []
        if fm.get("project"):
            meta.append(f"計畫：{fm['project']}")
        if agency:
            meta.append(f"執行機關：{agency.get('name', '')}（{agency.get('parent', '')}）")
        if fm.get("participants"):
            meta.append("參與機關：" + "、".join(strs(fm["participants"])))
        if fm.get("tags"):
            meta.append("關鍵字：" + " ".join(strs(fm["tags"])))
        parts.append("\n\n".join(meta))
        notes = [" ".join(str(m.get(k, "")) for k in ("title", "note") if m.get(k)) for m in fm.get("milestones") or [] if isinstance(m, dict) and published(m, now)]
        notes = [n for n in notes if n]
        if notes:
            parts.append("## 辦理進度\n\n" + "\n".join(f"- {n}" for n in notes))
        for name in ("planning", "progress", "ethics"):
            f = os.path.join(pdir, name + ".md")
            if os.path.isfile(f):
                sfm, sbody = front_matter(open(f, encoding="utf-8").read())
                if published(sfm, now):
                    parts.append(f"## {sfm.get('title', name)}\n\n{sbody.strip()}")
        qa = [e for e in load_yaml(os.path.join(pdir, "qa.yaml")) if published(e, now)]
        if qa:
            parts.append("## 案件釋疑\n\n" + "\n\n".join(f"### {e.get('q', '')}\n\n{e.get('a', '')}" for e in qa))
        risks = [e for e in load_yaml(os.path.join(pdir, "risks.yaml")) if published(e, now)]
        if risks:
            parts.append("## 廉政風險查檢表\n\n" + "\n".join(f"- {e.get('risk', '')}：{'；'.join(strs(e.get('measures')))}" for e in risks))
        rdir = os.path.join(pdir, "reports")
        if os.path.isdir(rdir):
            for r in sorted(os.listdir(rdir)):
                rfm, rbody = front_matter(open(os.path.join(rdir, r), encoding="utf-8").read())
                if published(rfm, now):
                    parts.append(rbody.strip())
        page(
            os.path.join(out, "platforms", slug, "_index.md"),
            {"title": title, "date": iso(fm.get("established")), "platform": True, "agency": agency.get("name")},
            "\n\n".join(p for p in parts if p) + "\n",
        )
        pages += 1
        mdir = os.path.join(pdir, "meetings")
        if not os.path.isdir(mdir):
            continue
        for m in sorted(os.listdir(mdir)):
            if not m.endswith(".md"):
                continue
            mfm, mbody = front_matter(open(os.path.join(mdir, m), encoding="utf-8").read())
            if not published(mfm, now):
                continue
            parts = []
            dec = strs(mfm.get("decisions"))
            if dec:
                parts.append("## 決議\n\n" + "\n".join(f"- {d}" for d in dec))
            acts = [a for a in mfm.get("actions") or [] if isinstance(a, dict) and published(a, now)]
            if acts:
                parts.append("## 列管事項\n\n" + "\n".join(f"- {a.get('id', '')} {a.get('text', '')}" for a in acts))
            info = []
            if mfm.get("location"):
                info.append(f"地點：{mfm['location']}")
            if mfm.get("attendees"):
                info.append("出席：" + "、".join(strs(mfm["attendees"])))
            parts.append("\n\n".join(info))
            parts.append(mbody.strip())
            page(
                os.path.join(out, "platforms", slug, "meetings", m),
                {"title": str(mfm.get("title", m)), "date": iso(mfm.get("date")), "platform_title": title},
                "\n\n".join(p for p in parts if p) + "\n",
            )
            pages += 1
    # Layouts and config.
    lay = os.path.join(site, "layouts")
    if os.path.exists(lay):
        shutil.rmtree(lay)
    shutil.copytree(os.path.join(HERE, "hugo", "layouts"), lay)
    shutil.copy(os.path.join(HERE, "hugo", "hugo.toml"), os.path.join(site, "hugo.toml"))
    return pages


if __name__ == "__main__":
    args = sys.argv[1:]
    now = datetime.date.today().isoformat()
    if "--now" in args:
        i = args.index("--now")
        now = iso(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        sys.exit(__doc__)
    n = convert(args[0], args[1], now)
    print(f"hugo content: {n} pages (platforms + meetings) under {args[1]}/content")
