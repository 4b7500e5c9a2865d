// Metadata filters (source prefix, media type, modified after) as a collapsible row, shared by Ask and the
// retrieval test. Empty fields are left out, so no filter is sent unless the user fills one in.
import { el } from './dom.js';
import { t } from '../i18n.js';

/** Builds the filter row into container (once) and returns a function that reads it as the API's filters object. */
export function filterRow(container, idPrefix) {
  if (!container.dataset.built) {
    container.dataset.built = 'yes';
    const field = (name, key, attrs = {}) => el('label', {}, el('span', { 'data-i18n': key }, t(key)), ' ',
      el('input', { id: `${idPrefix}-${name}`, size: 18, ...attrs }));
    container.append(el('details', { class: 'filters' },
      el('summary', { 'data-i18n': 'filters.title' }, t('filters.title')),
      el('div', { class: 'filter-fields' },
        field('source-prefix', 'filters.sourcePrefix', { placeholder: 'sample-corpus/' }),
        field('content-type', 'filters.contentType', { placeholder: 'application/pdf' }),
        field('modified-after', 'filters.modifiedAfter', { type: 'date' }))));
  }
  return () => {
    const value = (name) => document.getElementById(`${idPrefix}-${name}`).value.trim() || undefined;
    const filters = { sourcePrefix: value('source-prefix'), contentType: value('content-type'),
      modifiedAfter: value('modified-after') };
    return Object.values(filters).some((v) => v !== undefined) ? filters : undefined;
  };
}
