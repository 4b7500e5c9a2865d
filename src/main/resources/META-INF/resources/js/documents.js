// Documents page: a collection's documents (search, sort and pages, done by the server so that thousands stay
// quick), upload with an ingestion view (progress per file), delete, re-ingest and a chunk browser for one document.
import { api } from './api.js';
import { el, replace, formatBytes, formatTime } from './dom.js';
import { pageLabel } from './passage.js';
import { fillCollections } from './pickers.js';
import { ingestFiles, savedReport, reportLine } from './ingest-view.js';
import { t } from '../i18n.js';

const $ = (id) => document.getElementById(id);
const COLUMNS = [
  { key: 'title', sort: 'title' }, { key: 'type', sort: 'type' }, { key: 'pages', sort: 'pages', num: true },
  { key: 'chunks', sort: 'chunks', num: true }, { key: 'size', sort: 'size', num: true },
  { key: 'ingested', sort: 'ingested' }, { key: 'actions' }];

/** What the list shows: the search text, sort, order, page start and size. */
const list = { q: '', sort: 'ingested', order: 'desc', offset: 0, limit: 25 };

/** The collection uploads go to: the typed new name, else the selected one. */
function targetCollection() {
  const typed = $('docs-new-collection').value.trim();
  return typed || $('docs-collection').value || 'default';
}

function shortType(contentType) {
  if (!contentType) {
    return '';
  }
  const subtype = contentType.split(';')[0].split('/').pop();
  const known = {
    'vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
    'vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
    'vnd.oasis.opendocument.text': 'odt',
    'epub+zip': 'epub',
    plain: 'txt',
    'x-web-markdown': 'md',
    markdown: 'md',
  };
  return known[subtype] || subtype;
}

/** The last upload's line for the selected collection, unless the ingestion view shows that upload right now. */
function renderReport(collection) {
  const box = $('upload-report');
  const view = $('ingest-view');
  const report = savedReport(collection);
  if (!view.hidden && view.dataset.collection !== collection && view.dataset.state === 'done') {
    view.hidden = true; // another collection is shown now: its upload view would read as this one's
  }
  if (!report || !view.hidden) {
    replace(box);
    return;
  }
  replace(box, el('p', { class: 'report-line muted' }, reportLine(report)),
    report.failed.length ? el('div', { class: 'failures' }, el('strong', {}, t('docs.failed')),
      el('ul', {}, report.failed.map((f) => el('li', {}, el('code', {}, f.source), ': ', f.reason)))) : null);
}

function header(column) {
  if (!column.sort) {
    return el('th', {}, t('docs.col.' + column.key));
  }
  const active = list.sort === column.sort;
  return el('th', { class: (column.num ? 'num ' : '') + 'sortable' + (active ? ' sorted' : ''),
    'aria-sort': active ? (list.order === 'asc' ? 'ascending' : 'descending') : 'none' },
  el('button', { type: 'button', class: 'sort-button', dataset: { sort: column.sort }, onclick: () => {
    list.order = active && list.order === 'asc' ? 'desc' : active ? 'asc' : column.num || column.sort === 'ingested'
      ? 'desc' : 'asc';
    list.sort = column.sort;
    list.offset = 0;
    loadDocuments();
  } }, t('docs.col.' + column.key), el('span', { class: 'sort-mark' }, active ? (list.order === 'asc' ? '▲' : '▼') : '↕')));
}

function pager(total) {
  const last = Math.max(0, Math.ceil(total / list.limit) - 1);
  const page = Math.floor(list.offset / list.limit);
  const go = (to) => { list.offset = Math.min(Math.max(0, to), last) * list.limit; loadDocuments(); };
  return el('div', { class: 'pager' },
    el('span', { class: 'pager-range', id: 'docs-range' }, total === 0 ? '' : t('docs.range',
      { from: list.offset + 1, to: Math.min(total, list.offset + list.limit), total })),
    el('button', { type: 'button', class: 'ghost small', id: 'docs-prev', disabled: page === 0,
      onclick: () => go(page - 1) }, '‹ ' + t('docs.prev')),
    el('span', { class: 'muted' }, t('docs.pageOf', { page: page + 1, pages: last + 1 })),
    el('button', { type: 'button', class: 'ghost small', id: 'docs-next', disabled: page >= last,
      onclick: () => go(page + 1) }, t('docs.next') + ' ›'));
}

let loading = 0;

async function loadDocuments() {
  const collection = $('docs-collection').value;
  const table = $('docs-table');
  renderReport(collection);
  if (!collection) {
    replace(table, el('p', { class: 'hint' }, t('docs.noCollections')));
    return;
  }
  const mine = ++loading;
  table.dataset.loading = 'yes';
  let page;
  try {
    page = await api.documentsPage(collection, list);
  } catch (e) {
    if (mine === loading) {
      delete table.dataset.loading;
      replace(table, el('p', { class: e.code === 'unknown_collection' ? 'hint' : 'error' },
        e.code === 'unknown_collection' ? t('docs.noCollections') : e.message));
    }
    return;
  }
  if (mine !== loading) {
    return; // a newer search or page is on its way
  }
  delete table.dataset.loading;
  if (page.total > 0 && page.items.length === 0 && list.offset > 0) {
    list.offset = 0; // the last page emptied (a delete): show the first
    loadDocuments();
    return;
  }
  if (page.total === 0) {
    replace(table, el('p', { class: 'hint' }, list.q ? t('docs.noMatch', { q: list.q }) : t('docs.empty')));
    return;
  }
  replace(table, el('div', { class: 'table-scroll' }, el('table', { class: 'data-table', id: 'documents-table' },
    el('thead', {}, el('tr', {}, COLUMNS.map(header))),
    el('tbody', {}, page.items.map((d) => el('tr', { dataset: { documentId: d.documentId } },
      el('td', { class: 'doc-cell' }, el('div', { class: 'doc-title' }, d.title || d.source),
        el('div', { class: 'muted' }, d.source)),
      el('td', {}, el('span', { class: 'type-chip' }, shortType(d.contentType))),
      el('td', { class: 'num pages' }, d.pages > 0 ? String(d.pages) : '—'),
      el('td', { class: 'num' }, d.chunkCount ?? ''),
      el('td', { class: 'num' }, formatBytes(d.sizeBytes)),
      el('td', { class: 'nowrap' }, formatTime(d.ingestedAt)),
      el('td', { class: 'actions' },
        el('button', { type: 'button', class: 'ghost small chunks-button', onclick: () => browse(collection, d) }, t('docs.chunks')),
        el('button', { type: 'button', class: 'ghost small reingest-button', onclick: () => reingest(collection, d) }, t('docs.reingest')),
        el('button', { type: 'button', class: 'danger small', onclick: () => remove(collection, d) }, t('docs.delete')))))))),
  pager(page.total));
}

async function browse(collection, doc) {
  const box = $('chunk-browser');
  replace(box, el('p', { class: 'hint' }, t('common.loading')));
  try {
    const detail = await api.document(collection, doc.documentId);
    replace(box,
      el('h3', {}, t('docs.chunkBrowser', { name: doc.title || doc.source })),
      el('ol', { class: 'chunks' }, detail.chunks.map((c) => el('li', { class: 'chunk' },
        el('div', { class: 'chunk-meta' },
          el('strong', {}, t('docs.chunk', { n: c.ordinal })), ' · ',
          [pageLabel(c.pageStart, c.pageEnd), (c.headingPath || []).join(' › ')].filter(Boolean).join(' · ')),
        el('div', { class: 'chunk-text' }, c.text)))));
    box.scrollIntoView({ behavior: 'smooth', block: 'start' });
  } catch (e) {
    replace(box, el('p', { class: 'error' }, e.message));
  }
}

async function remove(collection, doc) {
  if (!window.confirm(t('docs.confirmDelete', { name: doc.title || doc.source }))) {
    return;
  }
  try {
    await api.deleteDocument(collection, doc.documentId);
    replace($('chunk-browser'));
  } catch (e) {
    window.alert(e.message);
  }
  await loadDocuments();
}

/** The document the hidden file input re-ingests: the browser cannot read the server's copy, so the user picks one. */
let reingestTarget = null;

function reingest(collection, doc) {
  reingestTarget = { collection, doc };
  $('reingest-file').click();
}

async function upload(files, collection, doc = null) {
  if (!files.length) {
    return;
  }
  replace($('upload-report'));
  const label = doc ? t('ingest.reingestTitle', { name: doc.title || doc.source }) : null;
  const result = await ingestFiles($('ingest-view'), collection, files, doc?.documentId ?? null, label);
  const names = await refreshCollections();
  if (names.includes(collection)) {
    // the upload's collection is the one shown now (a newly typed one exists once a file went in)
    $('docs-collection').value = collection;
    localStorage.setItem('yunrag.collection', collection);
    if (collection === $('docs-new-collection').value.trim()) {
      $('docs-new-collection').value = '';
    }
  }
  if (result.failed.length < files.length) {
    replace($('chunk-browser'));
  }
  await loadDocuments();
}

async function refreshCollections() {
  await fillCollections($('docs-collection'), true);
  return [...$('docs-collection').options].map((o) => o.value);
}

let bound = false;
let searchTimer = null;

export async function showDocuments() {
  if (!bound) {
    bound = true;
    const zone = $('drop-zone');
    const picker = $('docs-file');
    picker.addEventListener('change', () => { upload([...picker.files], targetCollection()); picker.value = ''; });
    zone.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); picker.click(); } });
    ['dragenter', 'dragover'].forEach((type) => zone.addEventListener(type, (e) => {
      e.preventDefault();
      zone.classList.add('dragging');
    }));
    ['dragleave', 'drop'].forEach((type) => zone.addEventListener(type, () => zone.classList.remove('dragging')));
    zone.addEventListener('drop', (e) => {
      e.preventDefault();
      upload([...e.dataTransfer.files], targetCollection());
    });
    const again = $('reingest-file');
    again.addEventListener('change', () => {
      const target = reingestTarget;
      if (target && again.files.length) {
        upload([again.files[0]], target.collection, target.doc);
      }
      again.value = '';
    });
    $('docs-collection').addEventListener('change', () => {
      replace($('chunk-browser'));
      list.offset = 0;
      loadDocuments();
    });
    $('docs-search').addEventListener('input', () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => { list.q = $('docs-search').value.trim(); list.offset = 0; loadDocuments(); }, 250);
    });
    $('docs-page-size').addEventListener('change', () => {
      list.limit = Number($('docs-page-size').value) || 25;
      list.offset = 0;
      loadDocuments();
    });
    $('docs-refresh').addEventListener('click', async () => {
      await refreshCollections();
      await loadDocuments();
    });
  }
  await refreshCollections();
  await loadDocuments();
}
