// search.js — the search page's DOM glue (templates/search.html). The engine is
// search-core.js; nothing here inserts HTML: every text goes in through textContent.
import { SearchEngine, findMarks, parseQuery } from './search-core.js';

/**
 * The page's strings, from the theme's translation file (i18n/<lang>.json `search_ui`,
 * put in the page by templates/search.html as `data-strings`): `{n}`-style placeholders
 * filled here, numbers grouped for the page's language.
 */
function strings(s, lang) {
  const num = (n) => (typeof n === 'number' ? n.toLocaleString(lang) : n);
  const fill = (tpl, vals) => tpl.replace(/\{(\w+)\}/g, (m, k) => (k in vals ? String(vals[k]) : m));
  return {
    results: (n) => fill(n === 1 ? s.results_one : s.results, { n: num(n) }),
    showing: (a, n) => fill(s.showing, { a, n: num(n) }),
    about: (n) => fill(s.about, { n: num(n) }),
    none: (q) => fill(s.none, { q }),
    loading: s.loading,
    error: s.error,
    more: (k) => fill(s.more, { k }),
    empty: s.empty,
    facets: s.facets,
    kinds: s.kinds,
    sep: s.sep,
  };
}
const PAGE = 10;

/** An estimate for display: two significant digits from 100 on (9,525 → 9,500). */
function rounded(n) {
  if (n < 100) return n;
  const unit = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / unit) * unit;
}

const root = document.getElementById('search');
if (root) init(root);

function init(rootEl) {
  const lang = (document.documentElement.lang || '').toLowerCase().startsWith('en') ? 'en' : 'zh-TW';
  const t = strings(JSON.parse(rootEl.dataset.strings), lang);
  const base = new URL(rootEl.dataset.index, document.baseURI);
  const siteRoot = new URL(rootEl.dataset.root || './', document.baseURI);
  const engine = new SearchEngine(async (path) => {
    const res = await fetch(new URL(path, base));
    if (!res.ok) return null;
    return new Uint8Array(await res.arrayBuffer());
  });
  const form = document.getElementById('search-form');
  const input = document.getElementById('search-input');
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  const more = document.getElementById('search-more');
  const filtersBox = document.getElementById('search-filters');
  const facetsBox = document.getElementById('search-facets');
  const sortSel = document.getElementById('search-sort');

  const state = { q: '', sort: 'relevance', filters: {}, shown: 0, res: null, active: -1, run: 0 };

  // Read ?q=, ?sort= and filter parameters (every other parameter names a facet).
  const params = new URLSearchParams(location.search);
  state.q = params.get('q') || '';
  state.sort = params.get('sort') === 'date' ? 'date' : 'relevance';
  for (const [k, v] of params) {
    if (k === 'q' || k === 'sort' || !v) continue;
    (state.filters[k] ||= []).push(v);
  }
  input.value = state.q;
  sortSel.value = state.sort;

  function syncUrl() {
    const p = new URLSearchParams();
    if (state.q) p.set('q', state.q);
    if (state.sort === 'date') p.set('sort', 'date');
    for (const k of Object.keys(state.filters).sort()) for (const v of state.filters[k]) p.append(k, v);
    const qs = p.toString();
    history.replaceState(null, '', qs ? `?${qs}` : location.pathname);
  }

  let timer = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { state.q = input.value; search(); }, 250);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    if (state.active >= 0) { openActive(); return; }
    state.q = input.value;
    search();
  });
  sortSel.addEventListener('change', () => { state.sort = sortSel.value; search(); });
  more.addEventListener('click', () => showMore());
  input.addEventListener('keydown', onKey);
  function onKey(e) {
    const opts = list.querySelectorAll('[role="option"]');
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!opts.length) return;
      e.preventDefault();
      const n = opts.length;
      const next = e.key === 'ArrowDown'
        ? (state.active + 1) % n
        : (state.active <= 0 ? n - 1 : state.active - 1);
      setActive(next);
    } else if (e.key === 'Enter' && state.active >= 0) {
      e.preventDefault();
      openActive();
    } else if (e.key === 'Escape') {
      if (state.active >= 0) { e.preventDefault(); setActive(-1); }
      else if (input.value) { e.preventDefault(); input.value = ''; state.q = ''; search(); }
    } else if (e.key === 'Home' || e.key === 'End') {
      if (state.active >= 0 && opts.length) { e.preventDefault(); setActive(e.key === 'Home' ? 0 : opts.length - 1); }
    }
  }

  function setActive(i) {
    const opts = list.querySelectorAll('[role="option"]');
    opts.forEach((o, j) => o.setAttribute('aria-selected', String(j === i)));
    state.active = i;
    if (i >= 0 && opts[i]) {
      input.setAttribute('aria-activedescendant', opts[i].id);
      opts[i].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function openActive() {
    const opt = list.querySelectorAll('[role="option"]')[state.active];
    if (opt) opt.click();
  }

  async function search() {
    const run = ++state.run;
    syncUrl();
    setActive(-1);
    if (!parseQuery(state.q).length) {
      list.replaceChildren();
      input.setAttribute('aria-expanded', 'false');
      filtersBox.hidden = true;
      more.hidden = true;
      status.textContent = state.q.trim() ? t.empty : '';
      return;
    }
    status.textContent = t.loading;
    let res;
    try {
      res = await engine.search(state.q, { filters: state.filters, sort: state.sort, need: PAGE });
    } catch {
      if (run === state.run) status.textContent = t.error;
      return;
    }
    if (run !== state.run) return;
    state.res = res;
    state.shown = 0;
    list.replaceChildren();
    renderFacets(res);
    filtersBox.hidden = res.unfiltered === 0;
    if (!res.total) {
      status.textContent = t.none(state.q.trim());
      input.setAttribute('aria-expanded', 'false');
      more.hidden = true;
      return;
    }
    await showMore(run);
    if (!res.exact && run === state.run) complete(run);
  }

  /** The first page is verified; count every result exactly in the background (the
   *  status and the facet counts said "about" until now). */
  async function complete(run) {
    let full;
    try {
      full = await engine.search(state.q, { filters: state.filters, sort: state.sort, exact: true });
    } catch {
      return;
    }
    if (run !== state.run) return;
    state.res = full;
    renderFacets(full);
    updateStatus();
  }

  function updateStatus() {
    const res = state.res;
    const n = res.exact ? res.total : t.about(rounded(res.estimate));
    const left = res.total - state.shown;
    more.hidden = left <= 0;
    if (left > 0) more.textContent = t.more(Math.min(PAGE, left));
    status.textContent = state.shown < res.total ? t.showing(state.shown, n) : t.results(n);
  }

  async function showMore(run = state.run) {
    const res = state.res;
    if (!res.exact) await engine.more(res, state.shown + PAGE);
    if (run !== state.run) return;
    const slice = res.hits.slice(state.shown, state.shown + PAGE);
    const items = await Promise.all(slice.map(async (hit, i) => {
      const rec = await engine.record(hit.doc);
      const ex = rec ? await engine.excerpt(hit, rec, res.parts) : null;
      return rec && option(state.shown + i, hit, rec, ex, res.parts);
    }));
    if (run !== state.run) return;
    list.append(...items.filter(Boolean));
    state.shown += slice.length;
    input.setAttribute('aria-expanded', String(list.children.length > 0));
    updateStatus();
  }

  function marked(parent, text, marks) {
    const cps = Array.from(text);
    let at = 0;
    for (const [a, b] of marks) {
      if (a > at) parent.append(cps.slice(at, a).join(''));
      const m = document.createElement('mark');
      m.textContent = cps.slice(a, b).join('');
      parent.append(m);
      at = b;
    }
    if (at < cps.length) parent.append(cps.slice(at).join(''));
  }

  /** A result: the option is the link itself (an option may hold no other control), named
   *  by its title and described by its breadcrumb, excerpt and kind/date. */
  function option(i, hit, rec, ex, parts) {
    const id = `search-opt-${i}`;
    const li = document.createElement('li');
    li.setAttribute('role', 'none');
    const a = document.createElement('a');
    a.id = id;
    a.className = 'result';
    a.href = new URL(rec.u, siteRoot).href;
    a.tabIndex = -1;
    a.setAttribute('role', 'option');
    a.setAttribute('aria-selected', 'false');
    const part = (cls, fill) => {
      const span = document.createElement('span');
      span.className = cls;
      span.id = `${id}-${cls.slice(7)}`;
      fill(span);
      a.append(span);
      return span.id;
    };
    // The option's name comes from its content, all of its visible text, title first
    // (WCAG 2.5.3: the visible label is part of the accessible name).
    part('result-title', (el) => marked(el, rec.t, findMarks(rec.t, parts)));
    if (rec.b && rec.b.length) part('result-crumbs', (el) => { el.textContent = rec.b.join(t.sep); });
    if (ex) part('result-excerpt', (el) => marked(el, ex.text, ex.marks));
    const kind = t.kinds[rec.k] || rec.k;
    if (kind || rec.d) {
      part('result-meta', (el) => {
        if (kind) el.append(kind);
        if (!rec.d) return;
        if (kind) el.append(' · ');
        const time = document.createElement('time');
        time.dateTime = rec.d;
        time.textContent = rec.dd || rec.d;
        el.append(time);
      });
    }
    li.append(a);
    return li;
  }

  function renderFacets(res) {
    const focused = document.activeElement && facetsBox.contains(document.activeElement)
      ? [document.activeElement.dataset.key, document.activeElement.dataset.value] : null;
    const fieldsets = [];
    const keys = (engine.m && engine.m.facets) || Object.keys(res.facets);
    for (const key of keys) {
      const counts = new Map(res.facets[key] || []);
      for (const v of state.filters[key] || []) if (!counts.has(v)) counts.set(v, 0);
      if (!counts.size) continue;
      let entries = [...counts];
      if (key === 'year') entries.sort((x, y) => (x[0] < y[0] ? 1 : x[0] > y[0] ? -1 : 0));
      const fs = document.createElement('fieldset');
      const lg = document.createElement('legend');
      lg.textContent = t.facets[key] || key;
      fs.append(lg);
      entries.forEach(([value, count], j) => {
        const id = `facet-${key}-${j}`;
        const box = document.createElement('input');
        box.type = 'checkbox';
        box.id = id;
        box.checked = (state.filters[key] || []).includes(value);
        box.dataset.key = key;
        box.dataset.value = value;
        box.addEventListener('change', () => {
          const sel = new Set(state.filters[key] || []);
          if (box.checked) sel.add(value); else sel.delete(value);
          if (sel.size) state.filters[key] = [...sel]; else delete state.filters[key];
          search();
        });
        const label = document.createElement('label');
        label.htmlFor = id;
        const name = document.createElement('span');
        name.textContent = key === 'kind' ? t.kinds[value] || value : value;
        const c = document.createElement('span');
        c.className = count ? 'count' : 'count zero';
        c.textContent = String(count);
        label.append(box, name, c);
        fs.append(label);
      });
      fieldsets.push(fs);
    }
    facetsBox.replaceChildren(...fieldsets);
    if (focused) {
      const again = [...facetsBox.querySelectorAll('input')].find((b) => b.dataset.key === focused[0] && b.dataset.value === focused[1]);
      if (again) again.focus();
    }
  }

  if (state.q) search();
}
