// The HTTP API, as the pages use it. Errors come back as application/problem+json; they are thrown as ApiError with
// the server's detail, so pages can show what went wrong. When the server has API keys configured, a 401 opens a
// small dialog asking for a key; the key is kept in sessionStorage (this tab only) and sent as a Bearer token on every
// call, the streamed answer and uploads included.

import { t } from '../i18n.js';

const KEY_STORAGE = 'yunrag.apiKey';
let pendingKey = null;

function withKey(headers) {
  const key = sessionStorage.getItem(KEY_STORAGE);
  return key ? { ...headers, Authorization: `Bearer ${key}` } : headers;
}

/** Asks for a key; resolves true when one was entered. Calls failing together share one dialog. */
function askForKey() {
  if (pendingKey) {
    return pendingKey;
  }
  const hadKey = sessionStorage.getItem(KEY_STORAGE) !== null;
  pendingKey = new Promise((resolve) => {
    const dialog = document.createElement('dialog');
    dialog.className = 'key-dialog';
    const form = document.createElement('form');
    form.method = 'dialog';
    const title = document.createElement('h3');
    title.textContent = t('key.title');
    const text = document.createElement('p');
    text.textContent = hadKey ? t('key.invalid') : t('key.text');
    const input = document.createElement('input');
    input.type = 'password';
    input.autocomplete = 'off';
    input.required = true;
    input.name = 'key';
    const buttons = document.createElement('div');
    buttons.className = 'key-buttons';
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.textContent = t('key.cancel');
    cancel.onclick = () => dialog.close('');
    const ok = document.createElement('button');
    ok.type = 'submit';
    ok.value = 'ok';
    ok.className = 'primary';
    ok.textContent = t('key.ok');
    buttons.append(cancel, ok);
    form.append(title, text, input, buttons);
    dialog.append(form);
    dialog.addEventListener('close', () => {
      const key = input.value.trim();
      const entered = dialog.returnValue === 'ok' && key !== '';
      if (entered) {
        sessionStorage.setItem(KEY_STORAGE, key);
      }
      dialog.remove();
      pendingKey = null;
      resolve(entered);
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
  return pendingKey;
}

/** fetch with the key; on 401 asks for one and tries again (a few times, then gives up with the 401). */
async function authorizedFetch(path, options) {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(path, { ...options, headers: withKey(options.headers || {}) });
    if (response.status !== 401 || attempt >= 3 || !(await askForKey())) {
      return response;
    }
  }
}

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function failure(response) {
  let code = `http_${response.status}`;
  let message = `${response.status} ${response.statusText}`;
  try {
    const problem = await response.json();
    code = problem.code || code;
    message = problem.detail || problem.title || message;
  } catch (ignored) {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, code, message);
}

async function send(method, path, body) {
  const options = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await authorizedFetch(path, options);
  if (!response.ok) {
    throw await failure(response);
  }
  return response;
}

async function request(method, path, body) {
  const response = await send(method, path, body);
  return response.status === 204 ? null : response.json();
}

/** One page of a collection's documents: {items, total}; total is the match count before paging. */
async function documentsPage(collection, { q, sort, order, offset, limit }) {
  const params = new URLSearchParams({ sort, order, offset: String(offset), limit: String(limit) });
  if (q) {
    params.set('q', q);
  }
  const response = await send('GET', `/api/collections/${enc(collection)}/documents?${params}`);
  const items = await response.json();
  const total = Number(response.headers.get('X-Total-Count'));
  return { items, total: Number.isFinite(total) ? total : items.length };
}

const enc = encodeURIComponent;

export const api = {
  status: () => request('GET', '/api/status'),
  models: () => request('GET', '/api/models'),
  collections: () => request('GET', '/api/collections'),
  documents: (collection) => request('GET', `/api/collections/${enc(collection)}/documents`),
  documentsPage,
  document: (collection, id) => request('GET', `/api/collections/${enc(collection)}/documents/${enc(id)}`),
  deleteDocument: (collection, id) => request('DELETE', `/api/collections/${enc(collection)}/documents/${enc(id)}`),
  search: (body) => request('POST', '/api/search', body),
  ask: (body) => request('POST', '/api/ask', body),
  /** An image the API serves (a figure's thumbnail) as an object URL: an <img src> could not send the key. */
  imageUrl: async (path) => {
    const response = await authorizedFetch(path, { headers: { Accept: 'image/*' } });
    if (!response.ok) {
      throw await failure(response);
    }
    return URL.createObjectURL(await response.blob());
  },
};

/**
 * POST /api/ask/stream, read as server-sent events with fetch (EventSource cannot POST). Calls
 * handlers[eventName](data) for sources, delta, reasoning and done; lines other than event: and data: (the server also
 * sends content-type:) are ignored, as the SSE format says unknown fields must be.
 */
export async function askStream(body, handlers, signal) {
  const response = await authorizedFetch('/api/ask/stream', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.ok) {
    throw await failure(response);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  let buffer = '';
  const dispatch = (block) => {
    let name = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) {
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) {
        value = value.slice(1);
      }
      if (field === 'event') {
        name = value;
      } else if (field === 'data') {
        data.push(value);
      }
    }
    if (data.length === 0) {
      return;
    }
    const text = data.join('\n');
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch (ignored) {
      parsed = { text };
    }
    handlers[name]?.(parsed);
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      break;
    }
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      dispatch(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
    }
  }
  buffer += decoder.decode();
  if (buffer.trim()) {
    dispatch(buffer);
  }
}

/**
 * Uploads files as multipart field "file" with XMLHttpRequest, whose upload progress events fetch() lacks.
 * onProgress(fraction) runs while the bytes go out; the promise resolves with the ingest report.
 */
export function uploadFiles(collection, files, onProgress) {
  return postFiles(`/api/collections/${enc(collection)}/documents`, files, onProgress);
}

/** Re-ingests one document from a new copy of its file; the server keeps the document's name whatever the copy's. */
export function reingestFile(collection, documentId, file, onProgress) {
  return postFiles(`/api/collections/${enc(collection)}/documents/${enc(documentId)}`, [file], onProgress);
}

function postFiles(path, files, onProgress, attempt = 0) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const file of files) {
      form.append('file', file, file.name);
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    for (const [name, value] of Object.entries(withKey({ Accept: 'application/json' }))) {
      xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) {
        onProgress(event.loaded / event.total);
      }
    };
    xhr.upload.onload = () => onProgress(1);
    xhr.onload = async () => {
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch (ignored) {
        // keep null
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body);
      } else if (xhr.status === 401 && attempt < 3 && await askForKey()) {
        postFiles(path, files, onProgress, attempt + 1).then(resolve, reject);
      } else {
        reject(new ApiError(xhr.status, body?.code || `http_${xhr.status}`,
          body?.detail || body?.title || `${xhr.status} ${xhr.statusText}`));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Network error'));
    xhr.send(form);
  });
}
