// Retrieval test: ranked passages with their BM25, vector, fused and rerank ranks and scores side by side.
import { api } from './api.js';
import { el, replace, formatScore } from './dom.js';
import { pageLabel } from './passage.js';
import { fillCollections } from './pickers.js';
import { filterRow } from './filters.js';
import { t } from '../i18n.js';

const $ = (id) => document.getElementById(id);
const STAGES = ['bm25', 'vector', 'fused', 'rerank'];

function stageCell(result, stage) {
  const rank = result.ranks?.[stage];
  const score = result.scores?.[stage];
  if (rank === undefined && score === undefined) {
    return el('td', { class: `stage stage-${stage} missing` }, '—');
  }
  return el('td', { class: `stage stage-${stage}` },
    el('div', { class: 'rank' }, rank === undefined ? '—' : `#${rank}`),
    el('div', { class: 'score' }, formatScore(score)));
}

function render(view) {
  const box = $('search-results');
  const timings = Object.entries(view.timings || {}).map(([stage, ms]) => `${stage} ${ms} ms`).join(' · ');
  replace(box,
    el('p', { class: 'search-summary' }, el('span', { class: 'badge' }, t('search.reranker', { name: view.reranker })),
      ' ', el('span', { class: 'muted' }, timings)),
    (view.warnings || []).length ? el('ul', { class: 'warnings' }, view.warnings.map((w) => el('li', {}, w))) : null,
    view.results.length === 0 ? el('p', { class: 'hint' }, t('search.none')) :
      el('div', { class: 'table-scroll' }, el('table', { class: 'data-table rank-table', id: 'rank-table' },
        el('thead', {}, el('tr', {},
          el('th', {}, t('search.col.rank')), el('th', {}, t('search.col.passage')),
          STAGES.map((stage) => el('th', { class: `stage-${stage}` }, t('search.col.' + stage))))),
        el('tbody', {}, view.results.map((r) => el('tr', {},
          el('td', { class: 'num' }, String(r.n)),
          el('td', { class: 'passage-cell' },
            el('div', { class: 'doc-title' }, r.title || r.source),
            el('div', { class: 'muted' },
              [r.source, pageLabel(r.page, r.pageEnd), (r.headingPath || []).join(' › ')].filter(Boolean).join(' · ')),
            el('details', {}, el('summary', {}, (r.text || '').slice(0, 90) + ((r.text || '').length > 90 ? '…' : '')),
              el('div', { class: 'chunk-text' }, r.text))),
          STAGES.map((stage) => stageCell(r, stage))))))));
}

async function run(event) {
  event.preventDefault();
  const query = $('search-input').value.trim();
  if (!query) {
    return;
  }
  const box = $('search-results');
  replace(box, el('p', { class: 'hint' }, t('common.loading')));
  $('search-run').disabled = true;
  try {
    render(await api.search({
      query,
      collection: $('search-collection').value || undefined,
      topK: Number($('search-topk').value) || 10,
      filters: readFilters?.(),
    }));
  } catch (e) {
    replace(box, el('p', { class: 'error' }, e.message));
  } finally {
    $('search-run').disabled = false;
  }
}

let bound = false;
let readFilters = null;

export async function showSearch() {
  if (!bound) {
    bound = true;
    readFilters = filterRow($('search-filters'), 'search-filter');
    $('search-form').addEventListener('submit', run);
  }
  await fillCollections($('search-collection'));
  $('search-input').focus();
}
