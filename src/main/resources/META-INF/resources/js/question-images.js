// Images with a question: pasted (Ctrl+V of a screenshot) or dropped onto the question box, shown as small previews
// that can be removed, and sent with the question as data URIs (POST /api/ask's "images"). The server reads them
// with the vision model, or by OCR without one, and says which.
import { el, replace } from './dom.js';
import { t } from '../i18n.js';

const MAX_IMAGES = 4;
/** Base64 grows an image by a third and the JSON body is limited to 1 MiB by default: stay well inside it. */
const MAX_BYTES = 700 * 1024;
const TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/bmp', 'image/webp', 'image/tiff'];

let images = [];
let box = null;
let onError = () => {};

function readAsDataUrl(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function render() {
  if (!box) {
    return;
  }
  box.hidden = images.length === 0;
  replace(box, images.map((image, i) => el('span', { class: 'question-image' },
    el('img', { src: image.url, alt: image.name || t('ask.image') }),
    el('button', { type: 'button', class: 'icon-button question-image-remove', title: t('ask.removeImage'),
      'aria-label': t('ask.removeImage'), onclick: () => { images.splice(i, 1); render(); } }, '×'))));
}

/** Adds the image files among {@code files}; reports the ones refused (type, size, count). */
async function add(files) {
  for (const file of files) {
    if (!TYPES.includes(file.type)) {
      continue;
    }
    if (images.length >= MAX_IMAGES) {
      onError(t('ask.tooManyImages', { max: MAX_IMAGES }));
      break;
    }
    if (file.size > MAX_BYTES) {
      onError(t('ask.imageTooLarge', { name: file.name || t('ask.image'), kb: Math.round(MAX_BYTES / 1024) }));
      continue;
    }
    images.push({ name: file.name, url: await readAsDataUrl(file) });
  }
  render();
}

/** Wires paste and drop on {@code input}; previews go into {@code container}; {@code report} shows a refusal. */
export function acceptImages(input, container, report) {
  box = container;
  onError = report;
  input.addEventListener('paste', (event) => {
    const files = [...(event.clipboardData?.files || [])].filter((f) => TYPES.includes(f.type));
    if (files.length) {
      event.preventDefault();
      add(files);
    }
  });
  input.addEventListener('dragover', (event) => {
    if ([...(event.dataTransfer?.items || [])].some((item) => item.kind === 'file')) {
      event.preventDefault();
      input.classList.add('drop-target');
    }
  });
  input.addEventListener('dragleave', () => input.classList.remove('drop-target'));
  input.addEventListener('drop', (event) => {
    input.classList.remove('drop-target');
    const files = [...(event.dataTransfer?.files || [])];
    if (files.length) {
      event.preventDefault();
      add(files);
    }
  });
  render();
}

/** The images to send with the question now (data URIs), and clears the previews. */
export function takeImages() {
  const urls = images.map((image) => image.url);
  images = [];
  render();
  return urls;
}
