// Ask page: a chat whose answers stream in; every [n] opens the cited passage in the side panel.
import { askStream } from './api.js';
import { el, replace } from './dom.js';
import { showPassage, pageLabel } from './passage.js';
import { fillCollections, fillModels } from './pickers.js';
import { filterRow } from './filters.js';
import { t } from '../i18n.js';

const $ = (id) => document.getElementById(id);

/** Earlier turns, oldest first, sent as history with a follow-up question. */
let history = [];
let controller = null;

/** Splits answer text into text and [n] citation links. "[1][2]" and "[1, 2]" both give two links. */
export function answerNodes(text, onCite) {
  const nodes = [];
  const seen = new Map();
  const pattern = /\[(\d{1,3}(?:\s*[,，、]\s*\d{1,3})*)\]/g;
  let at = 0;
  let match;
  while ((match = pattern.exec(text)) !== null) {
    nodes.push(text.slice(at, match.index));
    const numbers = match[1].split(/\s*[,，、]\s*/).map(Number);
    const group = el('span', { class: 'cite-group' }, '[');
    numbers.forEach((n, i) => {
      if (i > 0) {
        group.append(', ');
      }
      // The k-th [n] of the answer goes with the k-th highlight of citation n (the sentence it was quoted from).
      const occurrence = seen.get(n) || 0;
      seen.set(n, occurrence + 1);
      group.append(el('a', { href: '#', class: 'cite', dataset: { n: String(n), occurrence: String(occurrence) },
        onclick: (event) => { event.preventDefault(); onCite(n, occurrence); } }, String(n)));
    });
    group.append(']');
    nodes.push(group);
    at = match.index + match[0].length;
  }
  nodes.push(text.slice(at));
  return nodes;
}

function timingsTable(timings, usage) {
  // Our stages are milliseconds; apiPrefill / apiDecode are passed on in the 云网 server's own (undocumented) unit.
  const rows = Object.entries(timings || {}).map(([stage, value]) => {
    const fromApi = stage.startsWith('api');
    const shown = typeof value !== 'number' ? String(value) : fromApi ? String(+value.toFixed(4)) : String(Math.round(value));
    return el('tr', { class: fromApi ? 'api-timing' : null },
      el('td', {}, stage, fromApi ? el('span', { class: 'muted' }, ' ' + t('ask.apiUnit')) : null),
      el('td', { class: 'num' }, shown));
  });
  const usageRows = Object.entries(usage || {}).map(([name, count]) =>
    el('tr', {}, el('td', {}, `${t('ask.usage')}: ${name}`), el('td', { class: 'num' }, String(count))));
  return el('table', { class: 'timings-table' },
    el('thead', {}, el('tr', {}, el('th', {}, t('ask.stage')), el('th', {}, t('ask.ms')))),
    el('tbody', {}, rows, usageRows));
}

class AnswerView {
  constructor(question, panel) {
    this.panel = panel;
    this.raw = '';
    this.reasoningText = '';
    this.sources = [];
    this.final = null;
    this.meta = el('div', { class: 'answer-meta' }, t('ask.thinking'));
    this.reasoningBody = el('pre', { class: 'reasoning-text' });
    this.reasoningSummary = el('summary', {}, t('ask.reasoning'));
    this.reasoning = el('details', { class: 'reasoning', hidden: true }, this.reasoningSummary, this.reasoningBody);
    this.text = el('div', { class: 'answer-text' });
    this.warnings = el('ul', { class: 'warnings', hidden: true });
    this.extras = el('div', { class: 'answer-extras' });
    this.node = el('div', { class: 'message assistant' },
      el('div', { class: 'who' }, t('ask.assistant')), this.meta, this.reasoning, this.text, this.warnings, this.extras);
    this.questionNode = el('div', { class: 'message user' }, el('div', { class: 'who' }, t('ask.you')),
      el('div', { class: 'question-text' }, question));
  }

  onSources(event) {
    this.sources = event.sources || [];
    this.meta.textContent = `${t('ask.generating')} · ${event.model || ''}`;
  }

  onDelta(event) {
    this.raw += event.text || '';
    this.node.dataset.deltas = String(Number(this.node.dataset.deltas || 0) + 1);
    replace(this.text, answerNodes(this.raw, (n, k) => this.open(n, k)));
  }

  onReasoning(event) {
    this.reasoningText += event.text || '';
    this.reasoning.hidden = false;
    this.reasoningBody.textContent = this.reasoningText;
    this.reasoningSummary.textContent = t('ask.reasoningChars', { n: this.reasoningText.length });
  }

  onDone(answer) {
    this.final = answer;
    this.raw = answer.answer || '';
    this.sources = answer.sources || this.sources;
    replace(this.text, answerNodes(this.raw, (n, k) => this.open(n, k)));
    this.node.classList.add('done');
    const mode = answer.mode === 'generative' ? t('ask.mode.generative') : t('ask.mode.extractive');
    replace(this.meta, el('span', { class: 'badge mode-' + answer.mode }, mode), ' ', el('span', { class: 'model' }, answer.model || ''));
    if (answer.reasoning) {
      this.onReasoning({ text: answer.reasoning.slice(this.reasoningText.length) });
    }
    this.showWarnings(answer.warnings || []);
    replace(this.extras,
      this.sources.length ? el('details', { class: 'sources-list' },
        el('summary', {}, t('ask.sources', { n: this.sources.length })),
        el('ol', {}, this.sources.map((s) => el('li', {},
          el('a', { href: '#', class: 'source-link', onclick: (e) => { e.preventDefault(); this.open(s.n); } },
            s.title || s.source || ''),
          ' ', el('span', { class: 'muted' }, [s.source, pageLabel(s.page, s.pageEnd)].filter(Boolean).join(' · ')))))) : null,
      el('details', { class: 'timings' }, el('summary', {}, t('ask.timings')), timingsTable(answer.timings, answer.usage)));
  }

  showWarnings(warnings) {
    replace(this.warnings, warnings.map((w) => el('li', {}, w)));
    this.warnings.hidden = warnings.length === 0;
  }

  fail(message) {
    this.node.classList.add('error');
    replace(this.meta, el('span', { class: 'badge error' }, t('common.error')), ' ', message);
  }

  /**
   * Opens citation n: the cited passage with its highlights, or (while streaming) the numbered source. When the answer
   * cites n as often as n has highlights, the clicked occurrence's own sentence is the primary highlight.
   */
  open(n, occurrence = -1) {
    const citation = this.final?.citations?.find((c) => c.n === n);
    const source = this.sources.find((s) => s.n === n || (citation && s.chunkId === citation.chunkId));
    const passage = citation ? { ...citation, pageEnd: source?.pageEnd ?? null } : source;
    if (!passage) {
      return;
    }
    const spans = (this.final?.highlights || []).filter((h) => h.n === n);
    const links = this.text.querySelectorAll(`a.cite[data-n="${n}"]`);
    showPassage(this.panel, n, passage, spans, links.length === spans.length ? occurrence : -1);
    document.querySelectorAll('a.cite.active').forEach((a) => a.classList.remove('active'));
    links[occurrence]?.classList.add('active');
  }
}

function setBusy(busy) {
  $('ask-send').disabled = busy;
  $('ask-stop').hidden = !busy;
}

async function submit(event) {
  event.preventDefault();
  const input = $('ask-input');
  const question = input.value.trim();
  if (!question || controller) {
    return;
  }
  input.value = '';
  const conversation = $('conversation');
  conversation.querySelector('.empty-hint')?.remove();
  const view = new AnswerView(question, $('passage-panel'));
  conversation.append(view.questionNode, view.node);
  conversation.scrollTop = conversation.scrollHeight;
  const body = {
    question,
    collection: $('ask-collection').value || undefined,
    model: $('ask-model').value || undefined,
    history: history.length ? history : undefined,
    filters: readFilters?.(),
  };
  controller = new AbortController();
  setBusy(true);
  const follow = () => { conversation.scrollTop = conversation.scrollHeight; };
  try {
    await askStream(body, {
      sources: (e) => { view.onSources(e); follow(); },
      delta: (e) => { view.onDelta(e); follow(); },
      reasoning: (e) => view.onReasoning(e),
      done: (e) => { view.onDone(e); follow(); },
    }, controller.signal);
    if (view.final) {
      history.push({ role: 'user', content: question }, { role: 'assistant', content: view.final.answer || '' });
    } else {
      view.fail(t('ask.stopped'));
    }
  } catch (e) {
    view.fail(e.name === 'AbortError' ? t('ask.stopped') : e.message);
  } finally {
    controller = null;
    setBusy(false);
    follow();
  }
}

function reset() {
  controller?.abort();
  history = [];
  replace($('conversation'), el('p', { class: 'empty-hint' }, t('ask.empty')));
  $('passage-panel').hidden = true;
}

let bound = false;
let readFilters = null;

export async function showAsk() {
  if (!bound) {
    bound = true;
    readFilters = filterRow($('ask-filters'), 'ask-filter');
    $('ask-form').addEventListener('submit', submit);
    $('ask-stop').addEventListener('click', () => controller?.abort());
    $('ask-new').addEventListener('click', reset);
    $('ask-input').addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        $('ask-form').requestSubmit();
      }
    });
  }
  await Promise.all([fillCollections($('ask-collection')), fillModels($('ask-model'))]);
  $('ask-input').focus();
}
