// The HTTP API, as the pages use it. Errors come back as application/problem+json; they are thrown as ApiError with
// the server's detail, so pages can show what went wrong.

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

async function request(method, path, body) {
  const options = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  if (!response.ok) {
    throw await failure(response);
  }
  return response.status === 204 ? null : response.json();
}

const enc = encodeURIComponent;

export const api = {
  status: () => request('GET', '/api/status'),
  models: () => request('GET', '/api/models'),
  collections: () => request('GET', '/api/collections'),
  documents: (collection) => request('GET', `/api/collections/${enc(collection)}/documents`),
  document: (collection, id) => request('GET', `/api/collections/${enc(collection)}/documents/${enc(id)}`),
  deleteDocument: (collection, id) => request('DELETE', `/api/collections/${enc(collection)}/documents/${enc(id)}`),
  search: (body) => request('POST', '/api/search', body),
  ask: (body) => request('POST', '/api/ask', body),
};

/**
 * POST /api/ask/stream, read as server-sent events with fetch (EventSource cannot POST). Calls
 * handlers[eventName](data) for sources, delta, reasoning and done; lines other than event: and data: (the server also
 * sends content-type:) are ignored, as the SSE format says unknown fields must be.
 */
export async function askStream(body, handlers, signal) {
  const response = await fetch('/api/ask/stream', {
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
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const file of files) {
      form.append('file', file, file.name);
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/collections/${enc(collection)}/documents`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) {
        onProgress(event.loaded / event.total);
      }
    };
    xhr.upload.onload = () => onProgress(1);
    xhr.onload = () => {
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch (ignored) {
        // keep null
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body);
      } else {
        reject(new ApiError(xhr.status, body?.code || `http_${xhr.status}`,
          body?.detail || body?.title || `${xhr.status} ${xhr.statusText}`));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Network error'));
    xhr.send(form);
  });
}
