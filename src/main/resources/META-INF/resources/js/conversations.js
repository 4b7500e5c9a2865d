// Conversations kept in this browser (localStorage), newest first, so a user can return to an earlier one. What is
// read back is checked: a damaged or hand-edited entry is skipped, never allowed to break the page.

const KEY = 'yunrag.conversations';
const MAX_CONVERSATIONS = 50;

const isTurn = (turn) => turn && typeof turn === 'object' && typeof turn.question === 'string'
  && (turn.answer === undefined || turn.answer === null || typeof turn.answer === 'object');

const isConversation = (c) => c && typeof c === 'object' && typeof c.id === 'string' && Array.isArray(c.turns)
  && c.turns.every(isTurn);

export function loadConversations() {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) || '[]');
    return Array.isArray(list) ? list.filter(isConversation) : [];
  } catch (ignored) {
    return [];
  }
}

/** Saves the list, dropping the oldest conversations while the browser's storage quota says no. */
function store(list) {
  let kept = list.slice(0, MAX_CONVERSATIONS);
  while (kept.length) {
    try {
      localStorage.setItem(KEY, JSON.stringify(kept));
      return;
    } catch (ignored) {
      kept = kept.slice(0, kept.length - 1);
    }
  }
  localStorage.removeItem(KEY);
}

export function newConversation(collection, model) {
  const now = Date.now();
  return { id: `c${now.toString(36)}${Math.random().toString(36).slice(2, 6)}`, title: '', collection, model,
    createdAt: now, updatedAt: now, turns: [] };
}

/** Stores (or moves to the top) a conversation that has at least one turn. */
export function saveConversation(conversation) {
  if (!conversation.turns.length) {
    return;
  }
  conversation.title = conversation.title || conversation.turns[0].question.slice(0, 60);
  conversation.updatedAt = Date.now();
  store([conversation, ...loadConversations().filter((c) => c.id !== conversation.id)]);
}

export function deleteConversation(id) {
  store(loadConversations().filter((c) => c.id !== id));
}

export function findConversation(id) {
  return loadConversations().find((c) => c.id === id) || null;
}

/** The earlier turns as the API's history (answered turns only). */
export function historyOf(conversation) {
  return conversation.turns.filter((turn) => turn.answer && typeof turn.answer.answer === 'string')
    .flatMap((turn) => [{ role: 'user', content: turn.question }, { role: 'assistant', content: turn.answer.answer }]);
}
