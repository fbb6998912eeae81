#!/usr/bin/env python3
"""Independent checks of a built site's open data (docs/open-data.md), with other tools
than the Rust test suite: optional, for maintainers, never run by CI.

    python3 -m venv /tmp/od && /tmp/od/bin/pip install jsonschema rfc3987 lxml feedparser libcoveoc4ids
    cargo run -- build --now 2026-11-21 --out /tmp/site
    /tmp/od/bin/python scripts/check_open_data.py /tmp/site [--oc4ids ../shared/oc4ids] \
        [--atom-rng atom.rng] [--sitemap-xsd sitemap.xsd]

Checks, each printing a count and every problem:
  api      every /api/v1 file against the schema its endpoint names in index.json
           (formats on), each schema against its metaschema, every file covered
  oc4ids   projects.json and every per-platform package with libcoveoc4ids, the schema
           served from --oc4ids on 127.0.0.1 (skipped without --oc4ids)
  csv      UTF-8 BOM, CRLF, strict RFC 4180 parse, rectangular rows
  atom     feedparser's bozo bit, RFC 3339 dates, unique ids, <rights>; with --atom-rng
           (RFC 4287 appendix B converted to RELAX NG XML, e.g. with rnc2rng) the schema
  sitemap  every HTML page but 404.html listed, nothing else, hreflang alternates listed;
           with --sitemap-xsd (sitemaps.org's sitemap.xsd) the XSD, alternates removed
  licence  the OGDL attribution statement in every page, JSON dataset, feed, LICENSE.txt
Exit status 1 when anything fails.
"""
import argparse, csv, glob, http.server, io, json, os, re, sys, tempfile, threading
from functools import partial
from urllib.parse import unquote

STATEMENT = "此開放資料依政府資料開放授權條款 (Open Government Data License) 進行公眾釋出"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
problems = []


def fail(check, msg):
    problems.append(f"{check}: {msg}")
    print(f"  FAIL {msg}")


def files(site, pattern):
    return sorted(glob.glob(os.path.join(site, pattern), recursive=True))


def base_of(site):
    return json.load(open(os.path.join(site, "api/v1/index.json")))["sitemap"].rsplit("sitemap.xml", 1)[0]


def check_api(site):
    from jsonschema import FormatChecker
    from jsonschema.validators import validator_for
    index = json.load(open(os.path.join(site, "api/v1/index.json")))
    base = base_of(site)
    endpoints = []
    for e in index["endpoints"]:
        schema = json.load(open(os.path.join(site, unquote(e["schema_url"][len(base):]))))
        cls = validator_for(schema)
        cls.check_schema(schema)
        rx = re.escape(unquote(e["url"][len(base):]))
        rx = re.sub(r"\\\{[a-z]+\\\}", "[^/]+", rx)
        endpoints.append((re.compile(f"^{rx}$"), cls(schema, format_checker=FormatChecker())))
    n = 0
    for f in files(site, "api/v1/**/*.json"):
        rel = os.path.relpath(f, site)
        if rel.startswith("api/v1/schema/"):
            continue
        match = [v for rx, v in endpoints if rx.match(rel)]
        if len(match) != 1:
            fail("api", f"{rel} matches {len(match)} endpoints")
            continue
        for err in match[0].iter_errors(json.load(open(f, encoding="utf-8"))):
            fail("api", f"{rel} {list(err.absolute_path)}: {err.message[:200]}")
        n += 1
    print(f"api: {n} files, {len(endpoints)} endpoints")


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def check_oc4ids(site, schema_dir):
    from libcoveoc4ids.api import oc4ids_json_output
    from libcoveoc4ids.config import LibCoveOC4IDSConfig
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=schema_dir))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = f"http://127.0.0.1:{server.server_port}/schema/project-level/"
    config = LibCoveOC4IDSConfig({"schema_host": host,
                                  "schema_version_choices": {"0.9.5": ("0.9.5", host)},
                                  "schema_codelists": {"0.9": host + "codelists/"}})
    packages = files(site, "api/oc4ids/projects.json") + files(site, "api/oc4ids/projects/*.json")
    for f in packages:
        r = oc4ids_json_output(tempfile.mkdtemp(), f, lib_cove_oc4ids_config=config)
        rel = os.path.relpath(f, site)
        if r["validation_errors_count"]:
            fail("oc4ids", f"{rel}: {r['validation_errors_count']} errors {str(r['validation_errors'])[:400]}")
        for kind in ("additional_closed_codelist_values", "additional_open_codelist_values"):
            if r[kind]:
                fail("oc4ids", f"{rel}: {kind} {r[kind]}")
    server.shutdown()
    print(f"oc4ids: {len(packages)} packages")


def check_csv(site):
    paths = files(site, "data/*.csv")
    for f in paths:
        raw = open(f, "rb").read()
        rel = os.path.relpath(f, site)
        if not raw.startswith(b"\xef\xbb\xbf"):
            fail("csv", f"{rel}: no BOM")
        text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
        if not rows:
            fail("csv", f"{rel}: empty")
            continue
        if {len(r) for r in rows} != {len(rows[0])}:
            fail("csv", f"{rel}: ragged rows")
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        if out.getvalue() != text:
            fail("csv", f"{rel}: not in RFC 4180 form (CRLF, minimal quoting)")
    print(f"csv: {len(paths)} files")


def check_atom(site, rng_path):
    import feedparser
    from lxml import etree
    rng = etree.RelaxNG(etree.parse(rng_path)) if rng_path else None
    paths = files(site, "feeds/*.xml")
    for f in paths:
        rel = os.path.relpath(f, site)
        doc = etree.parse(f)
        if rng is not None and not rng.validate(doc):
            fail("atom", f"{rel}: {str(rng.error_log)[:300]}")
        if feedparser.parse(f).bozo:
            fail("atom", f"{rel}: feedparser bozo")
        root = doc.getroot()
        ids = [e.findtext(ATOM + "id") for e in root.findall(ATOM + "entry")]
        if len(set(ids)) != len(ids):
            fail("atom", f"{rel}: duplicate entry ids")
        for u in doc.iter(ATOM + "updated", ATOM + "published"):
            if not RFC3339.match(u.text or ""):
                fail("atom", f"{rel}: date {u.text!r}")
        if STATEMENT not in (root.findtext(ATOM + "rights") or ""):
            fail("atom", f"{rel}: no attribution in <rights>")
    print(f"atom: {len(paths)} feeds")


def check_sitemap(site, xsd_path):
    from lxml import etree
    doc = etree.parse(os.path.join(site, "sitemap.xml"))
    locs = {loc.text for loc in doc.iter(SITEMAP + "loc")}
    for alt in list(doc.iter(XHTML + "link")):
        if alt.get("href") not in locs:
            fail("sitemap", f"hreflang alternate not listed: {alt.get('href')}")
        alt.getparent().remove(alt)  # the XSD validates other namespaces strictly
    if xsd_path:
        xsd = etree.XMLSchema(etree.parse(xsd_path))
        if not xsd.validate(doc):
            fail("sitemap", str(xsd.error_log)[:300])
    base = base_of(site)
    listed = set()
    for loc in doc.iter(SITEMAP + "loc"):
        rel = unquote(loc.text[len(base):]) if loc.text.startswith(base) else loc.text
        listed.add(rel + "index.html" if rel == "" or rel.endswith("/") else rel)
    pages = {os.path.relpath(f, site) for f in files(site, "**/*.html")}
    pages = {p for p in pages if os.path.basename(p) != "404.html"}
    for p in sorted(pages - listed):
        fail("sitemap", f"page not listed: {p}")
    for p in sorted(listed - pages):
        fail("sitemap", f"listed, no such page: {p}")
    robots = open(os.path.join(site, "robots.txt")).read()
    if f"Sitemap: {base}sitemap.xml" not in robots:
        fail("sitemap", "robots.txt does not name the sitemap")
    print(f"sitemap: {len(listed)} URLs, {len(pages)} pages")


def check_licence(site):
    n = 0
    for f in files(site, "**/*.html") + files(site, "feeds/*.xml") + files(site, "data/LICENSE.txt"):
        n += 1
        text = open(f, encoding="utf-8").read()
        en = os.path.relpath(f, site).startswith("en/")
        if not (en and "Open Government Data License: https://data.gov.tw/license" in text) and STATEMENT not in text:
            fail("licence", f"{os.path.relpath(f, site)}: no attribution statement")
    for f in files(site, "api/v1/**/*.json"):
        if "/schema/" not in f:
            n += 1
            if STATEMENT not in json.load(open(f, encoding="utf-8")).get("attribution", ""):
                fail("licence", f"{os.path.relpath(f, site)}: no attribution")
    print(f"licence: {n} files")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("site")
    ap.add_argument("--oc4ids", help="folder holding schema/project-level (../shared/oc4ids)")
    ap.add_argument("--atom-rng", help="RFC 4287 RELAX NG schema (XML syntax)")
    ap.add_argument("--sitemap-xsd", help="sitemaps.org 0.9 XSD")
    a = ap.parse_args()
    check_api(a.site)
    if a.oc4ids:
        check_oc4ids(a.site, a.oc4ids)
    check_csv(a.site)
    check_atom(a.site, a.atom_rng)
    check_sitemap(a.site, a.sitemap_xsd)
    check_licence(a.site)
    print(f"{len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
