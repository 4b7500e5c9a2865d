// YunRAG web UI: plain ES modules, no framework and no build step (Quarkus dev mode serves edits at once).
// Pages are hash routes (#ask, #documents, #search, #status); each page module renders into its <section>.
import { applyStatic, lang, onLangChange, setLang } from './i18n.js';
import { showAsk } from './js/ask.js';
import { showDocuments } from './js/documents.js';
import { showSearch } from './js/search.js';
import { showStatus, loadStatus, modeLabel } from './js/status.js';

const PAGES = { ask: showAsk, documents: showDocuments, search: showSearch, status: showStatus };
let mode = null;

function currentPage() {
  const name = location.hash.replace('#', '');
  return PAGES[name] ? name : 'ask';
}

async function route() {
  const name = currentPage();
  document.querySelectorAll('section.page').forEach((section) => { section.hidden = section.dataset.page !== name; });
  document.querySelectorAll('nav.tabs a').forEach((tab) => {
    const active = tab.dataset.page === name;
    tab.classList.toggle('active', active);
    tab.setAttribute('aria-selected', String(active));
  });
  try {
    await PAGES[name]();
  } finally {
    document.body.dataset.page = name;
  }
}

function showMode() {
  const badge = document.getElementById('mode-badge');
  if (mode) {
    badge.textContent = modeLabel(mode);
    badge.className = 'badge mode-' + mode;
  }
}

async function start() {
  applyStatic(document);
  document.getElementById('lang-switch').addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
  onLangChange(() => { showMode(); route(); });
  window.addEventListener('hashchange', route);
  loadStatus().then((status) => { mode = status.mode; showMode(); }).catch(() => {});
  await route();
  document.body.dataset.ready = 'yes';
}

start();
