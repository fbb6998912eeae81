// search.js — the search page's DOM glue (templates/search.html). The engine is
// search-core.js; nothing here inserts HTML: every text goes in through textContent.
import { SearchEngine, findMarks, parseQuery } from './search-core.js';

const STRINGS = {
  zh: {
    results: (n) => `找到 ${typeof n === 'number' ? n.toLocaleString('zh-TW') : n} 筆結果`,
    showing: (a, n) => `顯示前 ${a} 筆，共 ${typeof n === 'number' ? n.toLocaleString('zh-TW') : n} 筆`,
    about: (n) => `約 ${n.toLocaleString('zh-TW')}`,
    none: (q) => `找不到符合「${q}」的結果。請試試較短的詞、檢查錯別字，或取消部分篩選條件。`,
    loading: '搜尋中…',
    error: '無法載入搜尋索引，請稍後再試。',
    more: (k) => `顯示更多結果（再 ${k} 筆）`,
    empty: '請輸入要搜尋的字詞。',
    facets: { kind: '內容類型', agency: '機關', parent: '上級機關', case_type: '案件類型', status: '狀態', year: '年度' },
    kinds: { platform: '廉政平臺', meeting: '會議', qa: '問答', document: '文件', pattern: '風險態樣', page: '網頁', report: '報告', kpi: '績效指標' },
    sep: ' › ',
  },
  en: {
    results: (n) => `${typeof n === 'number' ? n.toLocaleString('en') : n} result${n === 1 ? '' : 's'}`,
    showing: (a, n) => `Showing ${a} of ${typeof n === 'number' ? n.toLocaleString('en') : n} results`,
    about: (n) => `about ${n.toLocaleString('en')}`,
    none: (q) => `No results for “${q}”. Try a shorter word, check the spelling, or clear some filters.`,
    loading: 'Searching…',
    error: 'The search index could not be loaded. Please try again later.',
    more: (k) => `Show more results (${k} more)`,
    empty: 'Type something to search for.',
    facets: { kind: 'Content type', agency: 'Agency', parent: 'Supervising agency', case_type: 'Case type', status: 'Status', year: 'Year' },
    kinds: { platform: 'Integrity platform', meeting: 'Meeting', qa: 'Q&A', document: 'Document', pattern: 'Risk pattern', page: 'Page', report: 'Report', kpi: 'KPI' },
    sep: ' › ',
  },
};
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
  const t = (document.documentElement.lang || '').toLowerCase().startsWith('en') ? STRINGS.en : STRINGS.zh;
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
