// Status page: the mode, each model in use and whether it can be reached, the indexes and the data directory.
import { api } from './api.js';
import { el, replace, formatBytes } from './dom.js';
import { t } from '../i18n.js';

export async function loadStatus() {
  return api.status();
}

export function modeLabel(mode) {
  return mode === 'yunwang' ? t('mode.yunwang') : t('mode.embedded');
}

export async function showStatus() {
  const box = document.getElementById('status-body');
  replace(box, el('p', { class: 'hint' }, t('common.loading')));
  let s;
  try {
    s = await loadStatus();
  } catch (e) {
    replace(box, el('p', { class: 'error' }, e.message));
    return;
  }
  const row = (label, value, id) => [el('dt', {}, label), el('dd', { id }, value)];
  replace(box,
    el('h2', {}, t('status.title')),
    el('dl', { class: 'meta status-meta' },
      row(t('status.mode'), el('span', { class: 'badge mode-' + s.mode }, modeLabel(s.mode)), 'status-mode'),
      row(t('status.api'), s.api, 'status-api'),
      row(t('status.dataDir'), el('code', {}, s.dataDir), 'status-data-dir'),
      row(t('status.defaultCollection'), s.defaultCollection),
      row(t('status.version'), s.version)),
    el('h3', {}, t('status.models')),
    el('div', { class: 'table-scroll' }, el('table', { class: 'data-table', id: 'models-table' },
      el('thead', {}, el('tr', {}, ['role', 'name', 'location', 'available', 'dimension', 'detail']
        .map((key) => el('th', {}, t('status.col.' + key))))),
      el('tbody', {}, s.models.map((m) => el('tr', {},
        el('td', {}, t('status.role.' + m.role)),
        el('td', {}, el('code', {}, m.name)),
        el('td', {}, t('status.location.' + m.location)),
        el('td', { class: m.available ? 'ok' : 'bad' }, m.available ? `✓ ${t('status.yes')}` : `✗ ${t('status.no')}`),
        el('td', { class: 'num' }, m.dimension ?? ''),
        el('td', { class: 'muted' }, m.name === 'extractive' ? t('status.extractiveDetail') : m.detail || '')))))),
    el('h3', {}, t('status.collections')),
    s.collections.length === 0 ? el('p', { class: 'hint' }, t('docs.noCollections')) :
      el('div', { class: 'table-scroll' }, el('table', { class: 'data-table', id: 'collections-table' },
        el('thead', {}, el('tr', {}, ['name', 'documents', 'chunks', 'size', 'embedding', 'dimension', 'analyzer']
          .map((key) => el('th', {}, key === 'name' ? t('common.collection') : t('status.col.' + key))))),
        el('tbody', {}, s.collections.map((c) => el('tr', {},
          el('td', {}, c.name),
          el('td', { class: 'num' }, String(c.documents)),
          el('td', { class: 'num' }, String(c.chunks)),
          el('td', { class: 'num' }, formatBytes(c.bytesOnDisk)),
          el('td', {}, el('code', {}, c.embeddingModel)),
          el('td', { class: 'num' }, String(c.dimension)),
          el('td', {}, c.analyzer)))))));
}
