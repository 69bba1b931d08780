/**
 * Story report rendering: Markdown, one self-contained RTL HTML file (inline CSS, no scripts,
 * every scraped string escaped, prints well), or JSON (the contract's story fields + extras).
 */
import type { Quote, ReuseLink } from '../model.ts';
import type { ReportArticle, ReportFormat, StoryReportInput } from './types.ts';

const entries = <T>(m: Map<string, T[]> | Record<string, T[]> | undefined): [string, T[]][] =>
  !m ? [] : m instanceof Map ? [...m.entries()] : Object.entries(m);

export function escapeHtml(s: string | null | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
/** Markdown: escape characters that would turn scraped text into markup */
const md = (s: string | null | undefined): string => String(s ?? '').replace(/([\\`*_[\]<>|#])/g, '\\$1').replace(/\n+/g, ' ');

function label(a: ReportArticle | undefined, id: string): string {
  if (!a) return id;
  return `${a.source ?? 'مصدر غير معروف'}${a.publishedAt ? ` (${a.publishedAt.slice(0, 10)})` : ''}`;
}

const TYPE_AR: Record<string, string> = { place: 'مكان', number: 'رقم', date: 'تاريخ', actor: 'فاعل', claim: 'ادعاء' };

export function renderReport(input: StoryReportInput, format: ReportFormat): string {
  if (format === 'json') return renderJson(input);
  if (format === 'html') return renderHtml(input);
  return renderMarkdown(input);
}

export function renderJson(input: StoryReportInput): string {
  const s = input.story;
  return JSON.stringify(
    {
      id: s.id, title: s.title, headline: s.headline, article_ids: s.articleIds, sources: s.sources,
      first_reported_by: s.firstReportedBy, date_start: s.dateStart, date_end: s.dateEnd,
      events: s.events.map((e) => ({ id: e.id, title: e.title, date: e.date, article_ids: e.articleIds })),
      entities: s.entities.map((e) => ({ id: e.id, name: e.name, type: e.type, variants: e.variants, article_ids: e.articleIds })),
      timeline: s.timeline.map((t) => ({ date: t.date, text: t.text, article_ids: t.articleIds })),
      facts: s.facts.map((f) => ({ text: f.text, article_ids: f.articleIds })),
      conflicts: s.conflicts.map((c) => ({ type: c.type, about: c.about, sides: c.sides.map((x) => ({ text: x.text, article_ids: x.articleIds, speaker_entity_id: x.speakerEntityId })) })),
      summary: s.summary.map((x) => ({ text: x.text, article_ids: x.articleIds })),
      articles: input.articles.map((a) => ({ id: a.id, source: a.source, title: a.title, published_at: a.publishedAt, url: a.url })),
      quotes: Object.fromEntries(entries<Quote>(input.quotes).map(([id, qs]) => [id, qs.map((q) => ({ speaker_entity_id: q.speakerEntityId, speaker_text: q.speakerText, cue: q.cue, content: q.content, direct: q.direct, start: q.start, end: q.end }))])),
      reuse: Object.fromEntries(entries<ReuseLink>(input.reuse).map(([id, ls]) => [id, ls.map((l) => ({ other_id: l.otherId, similarity: l.similarity, passages: l.passages.length }))])),
      coverage: input.coverage ?? null,
    },
    null,
    2,
  );
}

export function renderMarkdown(input: StoryReportInput): string {
  const s = input.story;
  const byId = new Map(input.articles.map((a) => [a.id, a]));
  const cite = (ids: string[]): string => ids.map((id) => `[${input.articles.findIndex((a) => a.id === id) + 1}]`).join('');
  const out: string[] = [`# ${md(s.headline || s.title)}`, ''];
  out.push(`${s.articleIds.length} مقالاً من ${s.sources.length} مصدراً${s.dateStart ? ` · ${s.dateStart}${s.dateEnd && s.dateEnd !== s.dateStart ? ` ← ${s.dateEnd}` : ''}` : ''}`, '');
  out.push('## الملخص', '', ...s.summary.map((x) => `- ${md(x.text)} ${cite(x.articleIds)}`), '');
  if (s.timeline.length) out.push('## التسلسل الزمني', '', ...s.timeline.map((t) => `- **${md(t.date)}** — ${md(t.text)} ${cite(t.articleIds)}`), '');
  out.push('## التناقضات بين المصادر', '');
  if (!s.conflicts.length) out.push('لم تُرصد تناقضات.', '');
  for (const c of s.conflicts) {
    out.push(`### ${TYPE_AR[c.type] ?? c.type}: ${md(c.about)}`, '');
    for (const side of c.sides) out.push(`- ${md(side.text)} ${cite(side.articleIds)}${side.speakerEntityId ? ` — ${md(side.speakerEntityId)}` : ''}`);
    out.push('');
  }
  if (s.entities.length) out.push('## الكيانات', '', '| الاسم | النوع | الصيغ | المقالات |', '|---|---|---|---|', ...s.entities.map((e) => `| ${md(e.name)} | ${e.type} | ${md(e.variants.join('، '))} | ${e.articleIds.length} |`), '');
  const quotes = entries<Quote>(input.quotes).flatMap(([id, qs]) => qs.map((q) => ({ id, q })));
  if (quotes.length) out.push('## الاقتباسات', '', ...quotes.map(({ id, q }) => `- **${md(q.speakerText ?? 'غير معروف')}**: «${md(q.content)}» ${cite([id])}`), '');
  const reuse = entries<ReuseLink>(input.reuse).flatMap(([id, ls]) => ls.map((l) => ({ id, l })));
  if (reuse.length) out.push('## إعادة النشر', '', ...reuse.map(({ id, l }) => `- ${md(label(byId.get(id), id))} ↔ ${md(label(byId.get(l.otherId), l.otherId))}: تشابه ${l.similarity.toFixed(2)}، ${l.passages.length} مقطعاً`), '');
  if (input.coverage && input.coverage.facts.length) {
    const c = input.coverage;
    out.push('## تغطية الوقائع', '', `| الواقعة | ${c.outlets.map(md).join(' | ')} |`, `|---|${c.outlets.map(() => '---').join('|')}|`);
    c.facts.forEach((f, i) => out.push(`| ${md(f.text.slice(0, 120))} | ${c.cells[i]!.map((x) => (x ? '●' : '')).join(' | ')} |`));
    out.push('');
  }
  out.push('## المصادر', '', ...input.articles.map((a, i) => `${i + 1}. ${md(a.source ?? '')} — ${md(a.title ?? a.id)}${a.publishedAt ? ` (${a.publishedAt})` : ''}${a.url ? ` <${md(a.url)}>` : ''}`), '');
  return out.join('\n');
}

const CSS = `
*{box-sizing:border-box}body{font-family:"Noto Naskh Arabic","Amiri","Segoe UI",Tahoma,sans-serif;margin:0 auto;max-width:60rem;padding:1.5rem;line-height:1.8;color:#1b1b1b;background:#fff}
h1{font-size:1.7rem;margin:.2rem 0 .4rem}h2{font-size:1.25rem;border-bottom:2px solid #ddd;padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.05rem;margin:.8rem 0 .3rem}
.meta{color:#555;font-size:.95rem}.cite{font-size:.8rem;vertical-align:super;color:#0b5cad;margin-inline-start:.15rem}
ul{padding-inline-start:1.4rem}li{margin:.25rem 0}
.conflict{border-inline-start:4px solid #c0392b;background:#fdf3f2;padding:.4rem .9rem;margin:.8rem 0;border-radius:4px;break-inside:avoid}
.side{margin:.3rem 0}.value{font-weight:bold;color:#8e1b10}.tag{display:inline-block;background:#c0392b;color:#fff;border-radius:3px;padding:0 .4rem;font-size:.8rem;margin-inline-end:.4rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ccc;padding:.25rem .45rem;text-align:start;vertical-align:top}th{background:#f3f3f3}
td.on{text-align:center;color:#0b5cad}blockquote{margin:.3rem 0;padding:.2rem .8rem;border-inline-start:3px solid #999;background:#f7f7f7}
ol.sources li{font-size:.92rem}.muted{color:#777}
@media print{body{max-width:none;padding:0;font-size:11pt}h2{break-after:avoid}.conflict,table,blockquote{break-inside:avoid}a{color:inherit;text-decoration:none}a[href]::after{content:" (" attr(href) ")";font-size:.8em;color:#555}}
`;

export function renderHtml(input: StoryReportInput): string {
  const s = input.story;
  const e = escapeHtml;
  const num = new Map(input.articles.map((a, i) => [a.id, i + 1]));
  const byId = new Map(input.articles.map((a) => [a.id, a]));
  const cite = (ids: string[]): string => ids.map((id) => `<a class="cite" href="#src-${num.get(id) ?? 0}" title="${e(label(byId.get(id), id))}">[${num.get(id) ?? '?'}]</a>`).join('');
  const parts: string[] = [];
  parts.push(`<header><h1>${e(s.headline || s.title)}</h1><p class="meta">${s.articleIds.length} مقالاً من ${s.sources.length} مصدراً${s.dateStart ? ` · <time>${e(s.dateStart)}</time>${s.dateEnd && s.dateEnd !== s.dateStart ? ` ← <time>${e(s.dateEnd)}</time>` : ''}` : ''}</p></header>`);
  parts.push(`<section id="summary"><h2>الملخص</h2><ul>${s.summary.map((x) => `<li>${e(x.text)}${cite(x.articleIds)}</li>`).join('')}</ul></section>`);
  if (s.timeline.length) parts.push(`<section id="timeline"><h2>التسلسل الزمني</h2><ul>${s.timeline.map((t) => `<li><time>${e(t.date)}</time> — ${e(t.text)}${cite(t.articleIds)}</li>`).join('')}</ul></section>`);
  parts.push(`<section id="conflicts"><h2>التناقضات بين المصادر</h2>${s.conflicts.length ? '' : '<p class="muted">لم تُرصد تناقضات.</p>'}${s.conflicts
    .map((c) => `<div class="conflict"><h3><span class="tag">${e(TYPE_AR[c.type] ?? c.type)}</span>${e(c.about)}</h3>${c.sides
      .map((x) => `<p class="side">${'value' in x ? `<span class="value">${e(String((x as { value?: string }).value ?? ''))}</span>: ` : ''}${e(x.text)}${cite(x.articleIds)}${x.speakerEntityId ? ` <span class="muted">— ${e(x.speakerEntityId)}</span>` : ''}</p>`)
      .join('')}</div>`)
    .join('')}</section>`);
  if (s.entities.length) parts.push(`<section id="entities"><h2>الكيانات</h2><table><thead><tr><th>الاسم</th><th>النوع</th><th>الصيغ</th><th>المقالات</th></tr></thead><tbody>${s.entities.map((x) => `<tr><td>${e(x.name)}</td><td>${e(x.type)}</td><td>${e(x.variants.join('، '))}</td><td>${x.articleIds.length}</td></tr>`).join('')}</tbody></table></section>`);
  const quotes = entries<Quote>(input.quotes).flatMap(([id, qs]) => qs.map((q) => ({ id, q })));
  if (quotes.length) parts.push(`<section id="quotes"><h2>الاقتباسات</h2>${quotes.map(({ id, q }) => `<blockquote><strong>${e(q.speakerText ?? 'غير معروف')}</strong>: «${e(q.content)}»${cite([id])}</blockquote>`).join('')}</section>`);
  const reuse = entries<ReuseLink>(input.reuse).flatMap(([id, ls]) => ls.map((l) => ({ id, l })));
  if (reuse.length) parts.push(`<section id="reuse"><h2>إعادة النشر</h2><ul>${reuse.map(({ id, l }) => `<li>${e(label(byId.get(id), id))} ↔ ${e(label(byId.get(l.otherId), l.otherId))}: تشابه ${l.similarity.toFixed(2)}، ${l.passages.length} مقطعاً</li>`).join('')}</ul></section>`);
  if (input.coverage && input.coverage.facts.length) {
    const c = input.coverage;
    parts.push(`<section id="coverage"><h2>تغطية الوقائع</h2><table><thead><tr><th>الواقعة</th>${c.outlets.map((o) => `<th>${e(o)}</th>`).join('')}</tr></thead><tbody>${c.facts
      .map((f, i) => `<tr><td>${e(f.text)}</td>${c.cells[i]!.map((x) => `<td class="on">${x ? '●' : ''}</td>`).join('')}</tr>`)
      .join('')}</tbody></table></section>`);
  }
  parts.push(`<section id="sources"><h2>المصادر</h2><ol class="sources">${input.articles
    .map((a, i) => `<li id="src-${i + 1}">${e(a.source ?? '')} — ${a.url ? `<a href="${e(a.url)}" rel="noreferrer">${e(a.title ?? a.id)}</a>` : e(a.title ?? a.id)}${a.publishedAt ? ` <span class="muted">(${e(a.publishedAt)})</span>` : ''}</li>`)
    .join('')}</ol></section>`);
  parts.push(`<footer class="muted"><p>أنشأه مرصد${input.generatedAt ? ` في ${e(input.generatedAt)}` : ''}.</p></footer>`);
  return `<!doctype html>
<html dir="rtl" lang="ar">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(s.headline || s.title)}</title>
<style>${CSS}</style>
</head>
<body>
${parts.join('\n')}
</body>
</html>
`;
}
