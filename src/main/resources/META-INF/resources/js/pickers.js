// Collection and model pickers shared by the pages.
import { api } from './api.js';
import { el, replace } from './dom.js';

let collectionsCache = null;

export async function collectionNames(refresh = false) {
  if (!collectionsCache || refresh) {
    collectionsCache = api.collections().then((list) => list.map((c) => c.name)).catch(() => []);
  }
  return collectionsCache;
}

/** Fills a <select> with the collections, keeping its current choice (or the saved one) when it still exists. */
export async function fillCollections(select, refresh = false) {
  const names = await collectionNames(refresh);
  const wanted = select.value || localStorage.getItem('yunrag.collection') || 'default';
  const options = names.length ? names : ['default'];
  if (!options.includes(wanted) && names.length === 0) {
    options.push(wanted);
  }
  replace(select, options.map((name) => el('option', { value: name }, name)));
  select.value = options.includes(wanted) ? wanted : options[0];
  if (!select.dataset.bound) {
    select.dataset.bound = 'yes';
    select.addEventListener('change', () => localStorage.setItem('yunrag.collection', select.value));
  }
  return select.value;
}

export async function fillModels(select) {
  const saved = select.value || localStorage.getItem('yunrag.model');
  let view;
  try {
    view = await api.models();
  } catch (e) {
    view = { models: ['extractive'], defaultModel: 'extractive' };
  }
  replace(select, view.models.map((name) => el('option', { value: name }, name)));
  select.value = view.models.includes(saved) ? saved : view.defaultModel;
  if (!select.dataset.bound) {
    select.dataset.bound = 'yes';
    select.addEventListener('change', () => localStorage.setItem('yunrag.model', select.value));
  }
}
