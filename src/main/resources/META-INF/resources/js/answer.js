// One answer of the Ask page, drawn from its data: while it streams (text appended piece by piece, never redrawn
// whole) and afterwards from the stored turn (a restored conversation, or the same turn after a language switch).
import { el, replace } from './dom.js';
import { pageLabel } from './passage.js';
import { answerMarkdown, copyText, downloadText } from './markdown.js';
import { t } from '../i18n.js';

const CITE = /\[(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\]/g;
/** An unclosed "[" this close to the end may still become a citation, so it waits for the next piece. */
const MAX_CITE_CHARS = 16;

/**
 * Splits answer text into text and [n] citation links. "[1][2]" and "[1, 2]" both give two links. seen counts each
 * n's occurrences across calls (the streamed text arrives in pieces); tipFor(n) gives the hover text of a chip.
 */
export function answerNodes(text, onCite, seen = new Map(), tipFor = () => null) {
  const nodes = [];
  let at = 0;
  let match;
  CITE.lastIndex = 0;
  while ((match = CITE.exec(text)) !== null) {
    nodes.push(text.slice(at, match.index));
    const numbers = match[1].split(/\s*[,，、]\s*/).map(Number);
    const group = el('span', { class: 'cite-group' });
    numbers.forEach((n, i) => {
      if (i > 0) {
        group.append(' ');
      }
      // The k-th [n] of the answer goes with the k-th highlight of citation n (the sentence it was quoted from).
      const occurrence = seen.get(n) || 0;
      seen.set(n, occurrence + 1);
      const tip = tipFor(n);
      group.append(el('a', { href: '#', class: 'cite', 'aria-label': tip ? `[${n}] ${tip}` : `[${n}]`,
        dataset: { n: String(n), occurrence: String(occurrence), tip: tip || undefined },
        onclick: (event) => { event.preventDefault(); onCite(n, occurrence); } }, String(n)));
    });
    nodes.push(group);
    at = match.index + match[0].length;
  }
  nodes.push(text.slice(at));
  return nodes.filter((node) => node !== '');
}

/** "employee-handbook.pdf · 第 3 页": what a chip shows on hover. */
export function citationTip(item) {
  if (!item) {
    return null;
  }
  const file = (item.source || item.title || '').split('/').pop();
  return [file, pageLabel(item.page, item.page === item.pageEnd ? null : item.pageEnd)].filter(Boolean).join(' · ');
}

const asNodes = (items) => items.map((item) => (typeof item === 'string' ? document.createTextNode(item) : item));

/** Streamed text: finished parts become text and chips once, the still-open tail is one span that is rewritten. */
class StreamedText {
  constructor(container, onCite, tipFor) {
    this.container = container;
    this.onCite = onCite;
    this.tipFor = tipFor;
    this.raw = '';
    this.settled = 0;
    this.seen = new Map();
    this.tail = el('span', { class: 'pending' });
    replace(container, this.tail);
  }

  push(text) {
    this.raw += text;
    let safe = this.raw.length;
    const open = this.raw.lastIndexOf('[');
    if (open >= this.settled && this.raw.indexOf(']', open) < 0 && this.raw.length - open <= MAX_CITE_CHARS) {
      safe = open;
    }
    if (safe > this.settled) {
      this.tail.before(...asNodes(answerNodes(this.raw.slice(this.settled, safe), this.onCite, this.seen, this.tipFor)));
      this.settled = safe;
    }
    this.tail.textContent = this.raw.slice(this.settled);
  }

  /** The stream ended: whatever waited in the tail is final now. */
  flush() {
    if (this.settled < this.raw.length) {
      this.tail.before(...asNodes(answerNodes(this.raw.slice(this.settled), this.onCite, this.seen, this.tipFor)));
      this.settled = this.raw.length;
    }
    this.tail.textContent = '';
  }
}

const KNOWN_CODES = ['truncated', 'uncited', 'reasoning_exhausted', 'chat_fallback', 'deadline', 'rerank_fallback',
  'embedding_fallback', 'rate_limited', 'no_answer'];

function warningsBlock(answer) {
  const codes = (Array.isArray(answer.warningCodes) ? answer.warningCodes : []).filter((c) => typeof c === 'string');
  const texts = (Array.isArray(answer.warnings) ? answer.warnings : []).filter((w) => typeof w === 'string');
  if (answer.truncated === true && !codes.includes('truncated')) {
    codes.push('truncated');
  }
  if (!codes.length && !texts.length) {
    return null;
  }
  return el('div', { class: 'warnings', role: 'note' },
    codes.length ? el('div', { class: 'warning-codes' }, codes.map((code) => el('span',
      { class: 'warn-code', dataset: { code } }, KNOWN_CODES.includes(code) ? t('warn.' + code) : code))) : null,
    texts.length ? el('ul', {}, texts.map((w) => el('li', {}, w))) : null);
}

const round = (value, digits) => (typeof value === 'number' ? String(+value.toFixed(digits)) : String(value));

/** Our stages are milliseconds; the 云网 API's own numbers carry the unit the server was configured with. */
function timingsTable(answer) {
  const rows = Object.entries(answer.timings || {}).map(([stage, value]) => {
    const fromApi = stage.startsWith('api');
    return el('tr', { class: fromApi ? 'api-timing' : null },
      el('td', {}, stage, fromApi ? el('span', { class: 'muted' }, ' ' + t('ask.apiUnit')) : null),
      el('td', { class: 'num' }, fromApi ? round(value, 4) : round(value, 0)), el('td', {}, fromApi ? '' : 'ms'));
  });
  const api = answer.apiTimings && typeof answer.apiTimings === 'object' ? answer.apiTimings : null;
  const unit = api?.timeUnit === 'ms' ? 'ms' : api?.timeUnit === 's' ? 's' : t('ask.apiUnitShort');
  const apiRows = [];
  if (api) {
    const add = (key, value, shownUnit) => {
      if (value !== null && value !== undefined) {
        apiRows.push(el('tr', { class: 'api-timing', dataset: { key } },
          el('td', {}, t('ask.api.' + key)), el('td', { class: 'num' }, value), el('td', {}, shownUnit)));
      }
    };
    add('prefillTime', api.prefillTime === undefined || api.prefillTime === null ? null : round(api.prefillTime, 4), unit);
    if (Array.isArray(api.decodeTimeArr) && api.decodeTimeArr.length) {
      const total = api.decodeTimeArr.reduce((sum, v) => sum + (Number(v) || 0), 0);
      add('decodeTimeArr', `${round(total, 4)} (${t('ask.api.steps', { n: api.decodeTimeArr.length })})`, unit);
    }
    add('timeToFirstTokenMs', api.timeToFirstTokenMs == null ? null : round(api.timeToFirstTokenMs, 0), 'ms');
    add('decodeTokensPerSecond', api.decodeTokensPerSecond == null ? null : round(api.decodeTokensPerSecond, 1),
      t('ask.api.tokensPerSecond'));
    add('generationMs', api.generationMs == null ? null : round(api.generationMs, 0), 'ms');
  }
  const usageRows = Object.entries(answer.usage || {}).map(([name, count]) =>
    el('tr', {}, el('td', {}, `${t('ask.usage')}: ${name}`), el('td', { class: 'num' }, String(count)),
      el('td', {}, t('ask.tokens'))));
  return el('table', { class: 'timings-table' },
    el('thead', {}, el('tr', {}, el('th', {}, t('ask.stage')), el('th', { class: 'num' }, t('ask.value')),
      el('th', {}, t('ask.unit')))),
    el('tbody', {}, rows, apiRows, usageRows));
}

function passageLine(item, open, kind) {
  return el('li', {},
    el('a', { href: '#', class: kind === 'related' ? 'related-link' : 'source-link',
      onclick: (e) => { e.preventDefault(); open(item); } }, item.title || item.source || ''),
    ' ', el('span', { class: 'muted' },
      [item.source, pageLabel(item.page, item.pageEnd), (item.headingPath || []).join(' › ')].filter(Boolean).join(' · ')));
}

/**
 * An answer turn. turn = {question, answer (the done event or /api/ask body, null while streaming), partial,
 * reasoning, sources, error}; the view writes the streamed pieces into it, so a stored turn redraws the same.
 */
export class AnswerView {
  constructor(turn, openPassage) {
    this.turn = turn;
    this.openPassage = openPassage;
    this.meta = el('div', { class: 'answer-meta' }, t('ask.thinking'));
    this.reasoningBody = el('pre', { class: 'reasoning-text' });
    this.reasoningSummary = el('summary', {}, t('ask.reasoning'));
    this.reasoning = el('details', { class: 'reasoning', hidden: true }, this.reasoningSummary, this.reasoningBody);
    this.text = el('div', { class: 'answer-text' });
    this.notice = el('div', { class: 'answer-notice' });
    this.extras = el('div', { class: 'answer-extras' });
    this.node = el('div', { class: 'message assistant' },
      el('div', { class: 'who' }, el('span', { class: 'avatar' }, '云'), t('ask.assistant')),
      this.meta, this.reasoning, this.text, this.notice, this.extras);
    this.questionNode = el('div', { class: 'message user' },
      el('div', { class: 'question-text' }, turn.question),
      turn.images ? el('div', { class: 'question-with-images' }, t('ask.withImages', { count: turn.images })) : null);
    this.streamed = new StreamedText(this.text, (n, k) => this.open(n, k), (n) => this.tip(n));
    if (turn.reasoning) {
      this.showReasoning();
    }
    if (turn.answer) {
      this.finish(turn.answer);
    } else if (turn.error) {
      this.streamed.push(turn.partial || '');
      this.fail(turn.error);
    }
  }

  tip(n) {
    const citation = this.turn.answer?.citations?.find?.((c) => c.n === n);
    return citationTip(citation || (this.turn.sources || []).find((s) => s.n === n));
  }

  onSources(event) {
    this.turn.sources = Array.isArray(event.sources) ? event.sources : [];
    this.meta.textContent = `${t('ask.generating')} · ${event.model || ''}`;
  }

  onDelta(event) {
    const piece = event.text || '';
    this.turn.partial = (this.turn.partial || '') + piece;
    this.node.dataset.deltas = String(Number(this.node.dataset.deltas || 0) + 1);
    this.streamed.push(piece);
  }

  onReasoning(event) {
    this.turn.reasoning = (this.turn.reasoning || '') + (event.text || '');
    this.showReasoning();
  }

  showReasoning() {
    this.reasoning.hidden = false;
    this.reasoningBody.textContent = this.turn.reasoning;
    this.reasoningSummary.textContent = t('ask.reasoningChars', { n: this.turn.reasoning.length });
  }

  /** The done event (or a stored answer): the checked text, citations, warnings, timings and actions. */
  finish(answer) {
    const turn = this.turn;
    turn.answer = answer;
    turn.sources = Array.isArray(answer.sources) ? answer.sources : turn.sources || [];
    if (typeof answer.reasoning === 'string' && answer.reasoning.length > (turn.reasoning || '').length) {
      turn.reasoning = answer.reasoning;
      this.showReasoning();
    }
    const text = answer.answer || '';
    if (text === this.streamed.raw) {
      // the checked text is what streamed: keep the nodes, only the chips learn their final hover text
      this.streamed.flush();
      this.text.querySelectorAll('a.cite').forEach((a) => {
        const tip = this.tip(Number(a.dataset.n));
        if (tip) {
          a.dataset.tip = tip;
          a.setAttribute('aria-label', `[${a.dataset.n}] ${tip}`);
        }
      });
    } else {
      replace(this.text, answerNodes(text, (n, k) => this.open(n, k), new Map(), (n) => this.tip(n)));
    }
    delete turn.partial;
    this.node.classList.add('done');
    const notAnswered = answer.answered === false;
    this.node.classList.toggle('not-answered', notAnswered);
    const mode = answer.mode === 'generative' ? t('ask.mode.generative') : t('ask.mode.extractive');
    replace(this.meta, el('span', { class: 'badge mode-' + answer.mode }, mode), ' ',
      el('span', { class: 'model' }, answer.model || ''),
      notAnswered ? [' ', el('span', { class: 'badge not-found' }, t('ask.notFound'))] : null);
    const related = Array.isArray(answer.related) ? answer.related : [];
    replace(this.notice,
      notAnswered ? el('div', { class: 'not-found-box' }, el('strong', {}, t('ask.notFoundTitle')), ' ',
        t('ask.notFoundText'),
        related.length ? el('div', { class: 'related' }, el('div', { class: 'related-title' }, t('ask.related')),
          el('ol', {}, related.map((r) => passageLine(r, (item) => this.openPassage(item, 'related'), 'related')))) : null)
        : null,
      warningsBlock(answer));
    const sources = turn.sources;
    replace(this.extras,
      el('div', { class: 'answer-actions' },
        el('button', { type: 'button', class: 'ghost small copy-md', onclick: (e) => this.copy(e.currentTarget) },
          t('ask.copy')),
        el('button', { type: 'button', class: 'ghost small export-md', onclick: () => this.export() }, t('ask.export'))),
      sources.length ? el('details', { class: 'sources-list' },
        el('summary', {}, t('ask.sources', { n: sources.length })),
        el('ol', {}, sources.map((s) => passageLine(s, (item) => this.open(item.n), 'source')))) : null,
      el('details', { class: 'timings' }, el('summary', {}, t('ask.timings')), timingsTable(answer)));
  }

  markdown() {
    return answerMarkdown(this.turn.question, this.turn.answer);
  }

  async copy(button) {
    const ok = await copyText(this.markdown());
    button.textContent = ok ? t('ask.copied') : t('ask.copyFailed');
    setTimeout(() => { button.textContent = t('ask.copy'); }, 1500);
  }

  export() {
    const stem = this.turn.question.replace(/[\\/:*?"<>|\s]+/g, '-').slice(0, 40) || 'answer';
    downloadText(`${stem}.md`, this.markdown());
  }

  fail(message) {
    this.turn.error = message;
    this.node.classList.add('error');
    replace(this.meta, el('span', { class: 'badge error' }, t('common.error')), ' ', message);
  }

  /**
   * Opens citation n: the cited passage with its highlights, or (while streaming) the numbered source. When the answer
   * cites n as often as n has highlights, the clicked occurrence's own sentence is the primary highlight.
   */
  open(n, occurrence = -1) {
    const answer = this.turn.answer;
    const citation = answer?.citations?.find?.((c) => c.n === n);
    const source = (this.turn.sources || []).find((s) => s.n === n || (citation && s.chunkId === citation.chunkId));
    const passage = citation ? { ...citation, passagePage: source?.page ?? null, passagePageEnd: source?.pageEnd ?? null }
      : source;
    const spans = (answer?.highlights || []).filter((h) => h.n === n);
    const links = this.text.querySelectorAll(`a.cite[data-n="${n}"]`);
    this.openPassage(passage || null, 'citation', n, spans, links.length === spans.length ? occurrence : -1);
    document.querySelectorAll('a.cite.active').forEach((a) => a.classList.remove('active'));
    if (passage) {
      links[occurrence]?.classList.add('active');
    }
  }
}
