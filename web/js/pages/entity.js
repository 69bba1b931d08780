// An entity: its spelling variants, the stories and articles it appears in, its quotes.
import { api } from '../api.js';
import { fmtDate, t } from '../i18n.js';
import { bidi, h, route } from '../dom.js';
import { citations, section, storyCard, typeLabel } from './common.js';

export async function entityPage(id) {
  const e = await api(`entities/${encodeURIComponent(id)}`);
  const byId = new Map(e.articles.map((a) => [a.id, a]));
  return h(
    'div',
    { class: 'page entity' },
    h('header', {}, h('h1', { id: 'entity-name' }, bidi(e.name)), h('p', { class: 'meta' }, h('span', { class: 'tag' }, typeLabel(e.type)), ` · ${e.article_count} ${t('articles')}`)),
    section('variants', t('variants'), e.variants, (items) => h('ul', { class: 'variants-list' }, items.map((v) => h('li', {}, bidi(v.text), v.mentions ? ` · ${v.mentions} ${t('mentions')}` : ''))), '—'),
    section('stories', t('stories'), e.stories, (items) => h('div', { class: 'story-list' }, items.map((s) => storyCard(s))), '—'),
    section('quotes', t('saidBy'), e.quotes, (items) => h('ul', { class: 'quotes' }, items.map((q) => h('li', {}, h('q', { dir: 'auto', class: 'bdi' }, q.content), ' ', citations([q.article_id], byId)))), t('emptyQuotes')),
    section('articles', t('articles'), e.articles, (items) => h('ul', { class: 'article-list' }, items.map((a) => h('li', {}, h('a', { href: route('article', a.id) }, bidi(a.title ?? a.id)), ' — ', bidi(a.source ?? ''), a.published_at ? ` · ${fmtDate(a.published_at)}` : ''))), '—'),
  );
}
