// An answer as Markdown, with its citations, for copying into notes or exporting as a .md file.
import { pageLabel } from './passage.js';
import { t } from '../i18n.js';

const oneLine = (text) => String(text || '').replace(/\s+/g, ' ').trim();

/** The quoted sentences of citation n (its highlights), else the start of the passage. */
function quoteOf(citation, highlights) {
  const text = citation.text || '';
  const spans = highlights.filter((h) => h.n === citation.n)
    .map((h) => text.slice(Math.max(0, h.start - citation.start), Math.max(0, h.end - citation.start)))
    .filter((s) => s.trim());
  if (spans.length) {
    return spans.map(oneLine);
  }
  const whole = oneLine(text);
  return [whole.length > 240 ? whole.slice(0, 240) + '…' : whole].filter(Boolean);
}

export function answerMarkdown(question, answer) {
  const lines = [`## ${oneLine(question)}`, '', (answer?.answer || '').trim(), ''];
  if (answer?.answered === false) {
    lines.push(`> ${t('ask.notFoundTitle')}`, '');
  }
  const warnings = Array.isArray(answer?.warnings) ? answer.warnings : [];
  warnings.forEach((w) => lines.push(`> ⚠ ${oneLine(w)}`));
  if (warnings.length) {
    lines.push('');
  }
  const citations = Array.isArray(answer?.citations) ? answer.citations : [];
  const highlights = Array.isArray(answer?.highlights) ? answer.highlights : [];
  if (citations.length) {
    lines.push(`**${t('md.citations')}**`, '');
    for (const c of citations) {
      const where = [c.source, pageLabel(c.page, c.page === c.pageEnd ? null : c.pageEnd),
        (c.headingPath || []).join(' › ')].filter(Boolean).join(' · ');
      lines.push(`[${c.n}] ${oneLine(c.title || c.source)}${where ? ` — ${where}` : ''}`);
      quoteOf(c, highlights).forEach((q) => lines.push(`    > ${q}`));
    }
    lines.push('');
  }
  const related = Array.isArray(answer?.related) ? answer.related : [];
  if (related.length) {
    lines.push(`**${t('ask.related')}**`, '');
    related.forEach((r) => lines.push(`- ${oneLine(r.title || r.source)} — ${[r.source, pageLabel(r.page, r.pageEnd)]
      .filter(Boolean).join(' · ')}`));
    lines.push('');
  }
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim() + '\n';
}

/** Copies text; the Clipboard API needs a secure context (localhost is one), else the old execCommand way. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (ignored) {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

export function downloadText(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
