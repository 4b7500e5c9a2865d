// The side panel that shows a cited (or related) passage: its file, page and heading path, with the quoted sentence
// highlighted.
import { el, replace } from './dom.js';
import { t } from '../i18n.js';
import { api } from './api.js';

/**
 * The picture a citation's text was read from (a figure or a scanned page), with "from a figure on page N"; null when
 * the cited text is the document's own. The thumbnail is fetched with the API key and left out if it cannot be.
 */
function figureOf(passage) {
  if (!passage.thumbnail || !passage.origin) {
    return null;
  }
  const img = el('img', { class: 'figure-thumbnail', alt: t('panel.figureAlt') });
  api.imageUrl(passage.thumbnail).then((url) => { img.src = url; }).catch(() => img.remove());
  const caption = passage.page ? t('panel.figureOnPage', { page: passage.page }) : t('panel.figure');
  return el('figure', { class: 'passage-figure', 'data-origin': passage.origin }, img,
    el('figcaption', {}, caption, ' · ', t(passage.origin === 'vision' ? 'panel.byVision' : 'panel.byOcr')));
}

/** "第 3 页" / "pages 3–4", or null for unpaged formats (the API sends null; older ledgers 0). */
export function pageLabel(page, pageEnd) {
  if (page === null || page === undefined || page === 0) {
    return null;
  }
  return pageEnd && pageEnd !== page ? t('common.pages', { from: page, to: pageEnd }) : t('common.page', { page });
}

/** Blank lines between PDF paragraphs would double the passage's height; one line break is enough to read it. */
const compact = (text) => text.replace(/\n{2,}/g, '\n');

/**
 * The passage text as nodes, with the spans [start, end) (document coordinates, like passage.start) in <mark>; the
 * span at index primary (if any) is marked "primary", the others "secondary". Overlapping or out-of-range spans are
 * clipped; without spans the text is returned whole.
 */
export function highlightedText(passage, spans, primary = -1) {
  const text = passage.text || '';
  const ranges = (spans || [])
    .map((s, i) => [Math.max(0, s.start - passage.start), Math.min(text.length, s.end - passage.start), i])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const nodes = [];
  let at = 0;
  for (const [from, to, index] of ranges) {
    const begin = Math.max(from, at);
    if (to <= begin) {
      continue;
    }
    nodes.push(compact(text.slice(at, begin)));
    const kind = primary < 0 || index === primary ? 'primary' : 'secondary';
    nodes.push(el('mark', { class: kind }, compact(text.slice(begin, to))));
    at = to;
  }
  nodes.push(compact(text.slice(at)));
  return { nodes, highlighted: ranges.length > 0 };
}

export function hidePassage(panel) {
  panel.hidden = true;
  replace(panel);
  delete panel.dataset.n;
  delete panel.dataset.kind;
  document.querySelectorAll('a.cite.active').forEach((a) => a.classList.remove('active'));
}

/**
 * kind 'citation': citation n of an answer (page = the cited sentence's page when the API gives it, passagePage…
 * the passage's range); kind 'related': a passage shown because the documents did not answer, never a citation.
 */
export function showPassage(panel, kind, n, passage, spans = [], primary = -1) {
  if (!passage) {
    hidePassage(panel);
    return;
  }
  const { nodes, highlighted } = highlightedText(passage, spans, primary);
  const heading = (passage.headingPath || []).join(' › ');
  // A citation that carries its sentence's own page differs from its passage's range: show both. One that carries the
  // passage's range (servers before the sentence page) shows that range once.
  const ownPage = kind === 'citation' && passage.passagePage != null
    && (passage.page !== passage.passagePage || passage.pageEnd !== passage.passagePageEnd);
  const page = pageLabel(passage.page, ownPage ? null : passage.pageEnd);
  const passagePages = ownPage ? pageLabel(passage.passagePage, passage.passagePageEnd) : null;
  const related = kind === 'related';
  replace(panel,
    el('div', { class: 'panel-head' },
      el('h3', {}, related ? t('panel.related') : t('panel.title', { n })),
      el('button', { type: 'button', class: 'icon-button', id: 'passage-close', title: t('common.close'),
        'aria-label': t('common.close'), onclick: () => hidePassage(panel) }, '×')),
    el('div', { class: 'panel-title' }, passage.title || passage.source || ''),
    el('dl', { class: 'meta' },
      el('dt', {}, t('panel.source')), el('dd', { class: 'passage-source' }, passage.source || ''),
      page ? [el('dt', {}, t('panel.page')), el('dd', { class: 'passage-page' }, page)] : null,
      passagePages && passagePages !== page
        ? [el('dt', {}, t('panel.passagePages')), el('dd', { class: 'passage-pages' }, passagePages)] : null,
      heading ? [el('dt', {}, t('panel.heading')), el('dd', { class: 'passage-heading' }, heading)] : null),
    related ? null : figureOf(passage),
    el('blockquote', { class: 'passage-text', id: 'passage-text',
      title: t('panel.offsets', { start: passage.start, end: passage.end }) }, nodes),
    el('p', { class: 'hint' }, related ? t('panel.relatedHint') : highlighted ? t('panel.highlighted') : t('panel.whole'),
      !related && highlighted && primary >= 0 && spans.length > 1 ? [' ', t('panel.otherHighlights')] : null));
  panel.hidden = false;
  panel.dataset.n = String(n ?? '');
  panel.dataset.kind = kind;
  panel.querySelector('mark.primary')?.scrollIntoView({ block: 'nearest' });
}
