// Ask page: a chat whose answers stream in; every [n] opens the cited passage in the side panel. Conversations are
// kept in this browser with a list to return to them; every turn is stored as data and drawn from it, so switching
// the language redraws the old messages in the new one.
import { askStream } from './api.js';
import { el, replace, formatTime } from './dom.js';
import { AnswerView } from './answer.js';
import { showPassage, hidePassage } from './passage.js';
import { fillCollections, fillModels } from './pickers.js';
import { filterRow } from './filters.js';
import { loadConversations, newConversation, saveConversation, deleteConversation, findConversation, historyOf }
  from './conversations.js';
import { acceptImages, takeImages } from './question-images.js';
import { t } from '../i18n.js';

const $ = (id) => document.getElementById(id);

let conversation = null;
let views = [];
let controller = null;
/** What the side panel shows, so that it can be drawn again after a redraw: {turn, kind, n, occurrence, item}. */
let panelState = null;

function panel() {
  return $('passage-panel');
}

function closePanel() {
  panelState = null;
  hidePassage(panel());
}

function viewFor(turn, index) {
  return new AnswerView(turn, (passage, kind, n, spans, primary) => {
    panelState = passage ? { turn: index, kind, n, occurrence: primary, item: passage } : null;
    showPassage(panel(), kind, n, passage, spans, primary);
  });
}

function renderConversation() {
  const box = $('conversation');
  views = conversation.turns.map(viewFor);
  if (!views.length) {
    replace(box, el('div', { class: 'empty-hint' }, el('div', { class: 'empty-logo' }, '云'),
      el('p', {}, t('ask.empty'))));
  } else {
    replace(box, views.map((view) => [view.questionNode, view.node]));
  }
  box.scrollTop = box.scrollHeight;
  const state = panelState;
  if (state && views[state.turn]) {
    if (state.kind === 'related') {
      views[state.turn].openPassage(state.item, 'related');
    } else {
      views[state.turn].open(state.n, state.occurrence);
    }
  } else {
    closePanel();
  }
}

function renderList() {
  const list = loadConversations();
  replace($('conv-list'), list.length === 0 ? el('li', { class: 'conv-empty' }, t('ask.noHistory')) :
    list.map((c) => el('li', { class: 'conv-item' + (conversation && c.id === conversation.id ? ' active' : ''),
      dataset: { id: c.id } },
    el('a', { href: '#', class: 'conv-open', title: c.title,
      onclick: (e) => { e.preventDefault(); select(c.id); } },
    el('span', { class: 'conv-title' }, c.title || t('ask.untitled')),
    el('span', { class: 'conv-meta' }, [c.collection, formatTime(c.updatedAt)].filter(Boolean).join(' · '))),
    el('button', { type: 'button', class: 'icon-button conv-delete', title: t('ask.deleteConversation'),
      'aria-label': t('ask.deleteConversation'), onclick: () => remove(c.id) }, '×'))));
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
  const images = takeImages();
  // A new question starts with a closed panel: the last one showed an earlier answer's [n].
  closePanel();
  const collection = $('ask-collection').value || undefined;
  const model = $('ask-model').value || undefined;
  const history = historyOf(conversation);
  // Only the count is kept: images would fill the browser's storage for conversations.
  const turn = { question, collection, model, answer: null, images: images.length || undefined };
  conversation.turns.push(turn);
  conversation.collection = collection;
  conversation.model = model;
  const view = viewFor(turn, conversation.turns.length - 1);
  views.push(view);
  const box = $('conversation');
  box.querySelector('.empty-hint')?.remove();
  box.append(view.questionNode, view.node);
  const follow = () => { box.scrollTop = box.scrollHeight; };
  follow();
  controller = new AbortController();
  setBusy(true);
  try {
    await askStream({ question, collection, model, history: history.length ? history : undefined,
      filters: readFilters?.(), images: images.length ? images : undefined }, {
      sources: (e) => { view.onSources(e); follow(); },
      delta: (e) => { view.onDelta(e); follow(); },
      reasoning: (e) => view.onReasoning(e),
      done: (e) => { view.finish(e); follow(); },
    }, controller.signal);
    if (!turn.answer) {
      view.fail(t('ask.stopped'));
    }
  } catch (e) {
    view.fail(e.name === 'AbortError' ? t('ask.stopped') : e.message);
  } finally {
    controller = null;
    setBusy(false);
    follow();
    saveConversation(conversation);
    renderList();
  }
}

function startNew() {
  controller?.abort();
  conversation = newConversation($('ask-collection').value, $('ask-model').value);
  panelState = null;
  renderConversation();
  renderList();
  $('ask-layout').classList.remove('list-open');
  $('ask-input').focus();
}

function select(id) {
  const found = findConversation(id);
  if (!found) {
    renderList();
    return;
  }
  controller?.abort();
  conversation = found;
  panelState = null;
  const pick = (select, value) => {
    if (value && [...select.options].some((o) => o.value === value)) {
      select.value = value;
    }
  };
  pick($('ask-collection'), found.collection);
  pick($('ask-model'), found.model);
  renderConversation();
  renderList();
  $('ask-layout').classList.remove('list-open');
}

function remove(id) {
  deleteConversation(id);
  if (conversation?.id === id) {
    startNew();
  } else {
    renderList();
  }
}

let bound = false;
let readFilters = null;

export async function showAsk() {
  if (!bound) {
    bound = true;
    readFilters = filterRow($('ask-filters'), 'ask-filter');
    $('ask-form').addEventListener('submit', submit);
    acceptImages($('ask-input'), $('ask-images'), (message) => window.alert(message));
    $('ask-stop').addEventListener('click', () => controller?.abort());
    $('ask-new').addEventListener('click', startNew);
    $('conv-toggle').addEventListener('click', () => $('ask-layout').classList.toggle('list-open'));
    // Another collection's answers cite other passages: the panel must not keep showing the last one.
    $('ask-collection').addEventListener('change', closePanel);
    $('ask-input').addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        $('ask-form').requestSubmit();
      }
    });
  }
  await Promise.all([fillCollections($('ask-collection')), fillModels($('ask-model'))]);
  if (!conversation) {
    conversation = newConversation($('ask-collection').value, $('ask-model').value);
  }
  if (!controller) {
    // also after a language switch: every stored turn is drawn again in the new language
    renderConversation();
  }
  renderList();
  $('ask-input').focus();
}
