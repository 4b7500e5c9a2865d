// Documents page: a collection's documents, upload (drag and drop, several files, progress), delete, re-ingest and
// a chunk browser for one document.
import { api, uploadFiles } from './api.js';
import { el, replace, formatBytes, formatTime } from './dom.js';
import { pageLabel } from './passage.js';
import { fillCollections } from './pickers.js';
import { t } from '../i18n.js';

const $ = (id) => document.getElementById(id);
const REPORT_KEY = 'yunrag.lastUpload.';

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
  };
  return known[subtype] || subtype;
}

function renderReport(collection) {
  const saved = localStorage.getItem(REPORT_KEY + collection);
  const box = $('upload-report');
  if (!saved) {
    replace(box);
    return;
  }
  const report = JSON.parse(saved);
  const failed = report.failed || [];
  replace(box,
    el('p', { class: 'report-line' }, t('docs.report', {
      added: report.added ?? 0, updated: report.updated ?? 0, unchanged: report.unchanged ?? 0,
      failed: failed.length, chunks: report.chunks ?? 0, seconds: Number(report.seconds ?? 0).toFixed(1) })),
    failed.length ? el('div', { class: 'failures' }, el('strong', {}, t('docs.failed')),
      el('ul', {}, failed.map((f) => el('li', {}, el('code', {}, f.source || ''), ': ', f.reason || '')))) : null);
}

async function loadDocuments() {
  const collection = $('docs-collection').value;
  const table = $('docs-table');
  renderReport(collection);
  if (!collection) {
    replace(table, el('p', { class: 'hint' }, t('docs.noCollections')));
    return;
  }
  replace(table, el('p', { class: 'hint' }, t('common.loading')));
  let documents;
  try {
    documents = await api.documents(collection);
  } catch (e) {
    replace(table, el('p', { class: e.code === 'unknown_collection' ? 'hint' : 'error' },
      e.code === 'unknown_collection' ? t('docs.noCollections') : e.message));
    return;
  }
  if (documents.length === 0) {
    replace(table, el('p', { class: 'hint' }, t('docs.empty')));
    return;
  }
  replace(table, el('table', { class: 'data-table', id: 'documents-table' },
    el('thead', {}, el('tr', {}, ['title', 'type', 'pages', 'chunks', 'size', 'ingested', 'actions']
      .map((key) => el('th', {}, t('docs.col.' + key))))),
    el('tbody', {}, documents.map((d) => el('tr', { dataset: { documentId: d.documentId } },
      el('td', {}, el('div', { class: 'doc-title' }, d.title || d.source), el('div', { class: 'muted' }, d.source)),
      el('td', {}, shortType(d.contentType)),
      el('td', { class: 'num' }, d.pages ?? ''),
      el('td', { class: 'num' }, d.chunkCount ?? ''),
      el('td', { class: 'num' }, formatBytes(d.sizeBytes)),
      el('td', {}, formatTime(d.ingestedAt)),
      el('td', { class: 'actions' },
        el('button', { type: 'button', class: 'secondary small chunks-button', onclick: () => browse(collection, d) }, t('docs.chunks')),
        el('button', { type: 'button', class: 'secondary small', onclick: () => reingest(collection, d) }, t('docs.reingest')),
        el('button', { type: 'button', class: 'danger small', onclick: () => remove(collection, d) }, t('docs.delete'))))))));
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
          [pageLabel(c.pageStart, c.pageEnd), (c.headingPath || []).join(' › '), `${c.start}–${c.end}`]
            .filter(Boolean).join(' · ')),
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

let reingestTarget = null;

/** The browser cannot read the server's copy, so re-ingesting means choosing the (changed) file again. */
function reingest(collection, doc) {
  reingestTarget = collection;
  $('reingest-file').click();
}

async function upload(files, collection) {
  if (!files.length) {
    return;
  }
  const progress = $('upload-progress');
  const bar = $('upload-bar');
  const label = $('upload-label');
  progress.hidden = false;
  bar.value = 0;
  label.textContent = t('docs.uploading', { percent: 0 });
  try {
    const report = await uploadFiles(collection, files, (fraction) => {
      bar.value = fraction;
      label.textContent = fraction >= 1 ? t('docs.ingesting') : t('docs.uploading', { percent: Math.round(fraction * 100) });
    });
    localStorage.setItem(REPORT_KEY + collection, JSON.stringify(report));
    $('docs-new-collection').value = '';
    await fillCollections($('docs-collection'), true);
    $('docs-collection').value = collection;
    progress.hidden = true;
  } catch (e) {
    localStorage.setItem(REPORT_KEY + collection, JSON.stringify({
      failed: files.map((f) => ({ source: f.name, reason: e.message })) }));
    progress.hidden = true;
  }
  await loadDocuments();
}

let bound = false;

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
    again.addEventListener('change', () => { upload([...again.files], reingestTarget); again.value = ''; });
    $('docs-collection').addEventListener('change', () => { replace($('chunk-browser')); loadDocuments(); });
    $('docs-refresh').addEventListener('click', async () => {
      await fillCollections($('docs-collection'), true);
      await loadDocuments();
    });
  }
  await fillCollections($('docs-collection'), true);
  await loadDocuments();
}
