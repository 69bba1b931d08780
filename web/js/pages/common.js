// Pieces several pages share: section blocks with empty states, citations, badges.
import { t, fmtDate } from '../i18n.js';
import { bidi, h, route } from '../dom.js';

export function errorView(e) {
  return h(
    'section',
    { class: 'error', role: 'alert' },
    h('h1', {}, e?.status === 404 ? t('notFound') : t('error')),
    h('p', {}, bidi(e?.message ?? String(e))),
    e?.hint ? h('p', { class: 'hint' }, bidi(e.hint)) : null,
    h('p', {}, h('a', { href: '#/' }, t('back'))),
  );
}

/** a titled section; `items` empty → the empty message (and why, when a stage has not run) */
export function section(key, title, items, renderItems, empty, missing = [], stage = null) {
  const body = items && items.length ? renderItems(items) : emptyNote(empty, stage && missing.includes(stage) ? stage : null);
  return h('section', { class: `block block-${key}`, id: `section-${key}`, dataset: { section: key } }, h('h2', {}, title), body);
}

export function emptyNote(text, stage) {
  return h('p', { class: 'empty' }, text, stage ? h('span', { class: 'why' }, ` ${t('stageMissing', { stage })}`) : null);
}

/** small links to the articles a statement comes from: the outlet name when known */
export function citations(articleIds, articlesById) {
  if (!articleIds || !articleIds.length) return null;
  return h(
    'span',
    { class: 'cites' },
    articleIds.map((id, i) => {
      const a = articlesById?.get(id);
      return h('a', { href: route('article', id), class: 'cite', title: a?.title ?? id }, bidi(a?.source ?? `${i + 1}`));
    }),
  );
}

export function dateRange(a, b) {
  if (!a && !b) return null;
  const s = fmtDate(a);
  const e = fmtDate(b);
  return h('span', { class: 'dates' }, s === e || !e ? s : `${s} – ${e}`);
}

export function sourceChips(sources) {
  return h('span', { class: 'chips' }, (sources || []).map((s) => bidi(s, 'span', 'chip')));
}

export function storyCard(s, titleMarks = null, snippet = null, markFn = null) {
  return h(
    'article',
    { class: 'card story-card', dataset: { storyId: s.id } },
    h('h3', {}, h('a', { href: route('story', s.id), class: 'story-link' }, titleMarks && markFn ? h('span', { dir: 'auto', class: 'bdi' }, markFn(s.title, titleMarks)) : bidi(s.title))),
    s.headline && s.headline !== s.title ? h('p', { class: 'headline' }, bidi(s.headline)) : null,
    snippet && markFn ? h('p', { class: 'snippet' }, h('span', { dir: 'auto', class: 'bdi' }, markFn(snippet.text, snippet.highlights))) : s.lead ? h('p', { class: 'lead' }, bidi(s.lead)) : null,
    h(
      'p',
      { class: 'meta' },
      dateRange(s.date_start, s.date_end),
      ' · ',
      `${s.article_count} ${t('articles')}`,
      s.conflict_count ? ` · ${s.conflict_count} ${t('conflicts')}` : '',
    ),
    sourceChips(s.sources),
  );
}

export const typeLabel = (type) => (type ? t(`type_${type}`) : '');
