// The ingestion view: an upload's progress file by file. Files go up one request each, so every file has its own
// bar (bytes sent), then "parsing and indexing", then its own outcome from the server's report.
import { uploadFiles, reingestFile } from './api.js';
import { el, replace, formatBytes } from './dom.js';
import { t } from '../i18n.js';

const REPORT_KEY = 'yunrag.lastUpload.';

/** The outcome of one file from its one-file report. */
function outcome(report, name) {
  const failed = Array.isArray(report?.failed) ? report.failed : [];
  if (failed.length) {
    return { state: 'failed', text: failed.map((f) => f.reason || '').join('; ') || t('common.error') };
  }
  const state = report?.added ? 'added' : report?.updated ? 'updated' : report?.unchanged ? 'unchanged' : 'failed';
  const chunks = Number(report?.embedded ?? 0);
  return { state, text: state === 'failed' ? t('ingest.nothing', { name })
    : t('ingest.' + state) + (state === 'unchanged' ? '' : ' · ' + t('ingest.chunks', { n: chunks })) };
}

function summary(rows) {
  const count = (state) => rows.filter((row) => row.state === state).length;
  return { added: count('added'), updated: count('updated'), unchanged: count('unchanged'),
    failed: rows.filter((row) => row.state === 'failed').map((row) => ({ source: row.name, reason: row.text })) };
}

/** The last upload's summary kept for a collection; anything unreadable counts as none. */
export function savedReport(collection) {
  try {
    const report = JSON.parse(localStorage.getItem(REPORT_KEY + collection) || 'null');
    if (!report || typeof report !== 'object' || Array.isArray(report)) {
      return null;
    }
    const number = (v) => (Number.isFinite(Number(v)) ? Number(v) : 0);
    const failed = Array.isArray(report.failed) ? report.failed.filter((f) => f && typeof f === 'object') : [];
    return { added: number(report.added), updated: number(report.updated), unchanged: number(report.unchanged),
      failed: failed.map((f) => ({ source: String(f.source ?? ''), reason: String(f.reason ?? '') })) };
  } catch (ignored) {
    return null;
  }
}

export function reportLine(report) {
  return t('docs.report', { added: report.added, updated: report.updated, unchanged: report.unchanged,
    failed: report.failed.length });
}

/**
 * Uploads files into collection, one by one, drawing each file's progress into box; with documentId set, the one
 * file re-ingests that document. Resolves with the summary {added, updated, unchanged, failed[]}.
 */
export async function ingestFiles(box, collection, files, documentId = null, label = null) {
  const rows = files.map((file) => {
    const bar = el('progress', { max: 1, value: 0 });
    const status = el('span', { class: 'ingest-status' }, t('ingest.queued'));
    const node = el('li', { class: 'ingest-file queued', dataset: { name: file.name } },
      el('span', { class: 'ingest-name', title: file.name }, file.name),
      el('span', { class: 'muted ingest-size' }, formatBytes(file.size)), bar, status);
    return { file, name: file.name, node, bar, status, state: 'queued', text: '' };
  });
  const head = el('div', { class: 'ingest-head' });
  replace(box, el('div', { class: 'ingest-title' }, el('strong', {}, label || t('ingest.title', { collection })),
    head), el('ol', { class: 'ingest-files' }, rows.map((row) => row.node)));
  box.hidden = false;
  box.dataset.collection = collection;
  box.dataset.state = 'running';
  const show = (row, state, text) => {
    row.state = state;
    row.text = text;
    row.node.className = `ingest-file ${state}`;
    row.status.textContent = text;
  };
  for (const [i, row] of rows.entries()) {
    head.textContent = t('ingest.progress', { done: i, total: rows.length });
    show(row, 'uploading', t('docs.uploading', { percent: 0 }));
    const onProgress = (fraction) => {
      row.bar.value = fraction;
      show(row, fraction >= 1 ? 'indexing' : 'uploading',
        fraction >= 1 ? t('docs.ingesting') : t('docs.uploading', { percent: Math.round(fraction * 100) }));
    };
    try {
      const report = documentId ? await reingestFile(collection, documentId, row.file, onProgress)
        : await uploadFiles(collection, [row.file], onProgress);
      const result = outcome(report, row.name);
      row.bar.value = 1;
      show(row, result.state, result.text);
    } catch (e) {
      show(row, 'failed', e.message);
    }
  }
  const result = summary(rows);
  head.textContent = t('ingest.summary', { added: result.added, updated: result.updated, unchanged: result.unchanged,
    failed: result.failed.length });
  box.dataset.state = 'done';
  localStorage.setItem(REPORT_KEY + collection, JSON.stringify(result));
  return result;
}
