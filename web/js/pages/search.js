// Search across stories and articles (Arabic normalisation and light stemming happen on the
// server); matched words come back as offsets and are marked here.
import { api } from '../api.js';
import { fmtDate, t } from '../i18n.js';
import { bidi, h, marked, route } from '../dom.js';
import { emptyNote, storyCard } from './common.js';

let sourcesCache = null;

export async function searchPage(params) {
  const q = (params.get('q') || '').trim();
  const filters = { source: params.get('source') || '', since: params.get('since') || '', until: params.get('until') || '', entity: params.get('entity') || '' };
  sourcesCache ??= (await api('stats')).sources ?? [];
  const form = h(
    'form',
    {
      class: 'filters search-form',
      id: 'search-form',
      role: 'search',
      on: {
        submit: (ev) => {
          ev.preventDefault();
          const fd = new FormData(ev.target);
          const qs = new URLSearchParams([...fd.entries()].filter(([, v]) => String(v).trim()));
          location.hash = `#/search?${qs}`;
        },
      },
    },
    h('input', { type: 'search', name: 'q', value: q, dir: 'auto', id: 'search-q', placeholder: t('searchPlaceholder'), 'aria-label': t('search') }),
    h('label', {}, t('outlet'), ' ', h('select', { name: 'source' }, h('option', { value: '' }, t('allOutlets')), sourcesCache.map((s) => h('option', { value: s.source, selected: s.source === filters.source }, s.source)))),
    h('label', {}, t('since'), ' ', h('input', { type: 'date', name: 'since', value: filters.since })),
    h('label', {}, t('until'), ' ', h('input', { type: 'date', name: 'until', value: filters.until })),
    filters.entity ? h('input', { type: 'hidden', name: 'entity', value: filters.entity }) : null,
    h('button', { type: 'submit', id: 'search-submit' }, t('searchButton')),
  );
  const page = h('div', { class: 'page search' }, h('h1', {}, t('search')), form);
  if (!q) return page;

  const res = await api('search', { q, ...filters, limit: 20 });
  const mark = (text, ranges) => marked(text, ranges);
  const storiesBlock = h(
    'section',
    { class: 'block', id: 'search-stories', dataset: { section: 'search-stories' } },
    h('h2', {}, `${t('storiesFound')} (${res.stories.total})`),
    res.stories.items.length ? h('div', { class: 'story-list' }, res.stories.items.map((s) => storyCard(s, s.title_highlights, s.snippet, mark))) : emptyNote(t('noResults')),
  );
  const list = h('ol', { class: 'results', id: 'search-results' }, res.articles.items.map(resultItem));
  let next = res.articles.next_cursor;
  const more = h('button', { type: 'button', class: 'more', hidden: !next }, t('more'));
  more.addEventListener('click', async () => {
    more.disabled = true;
    const p = await api('search', { q, ...filters, limit: 20, type: 'articles', cursor: next });
    list.append(...p.articles.items.map(resultItem));
    next = p.articles.next_cursor;
    more.hidden = !next;
    more.disabled = false;
  });
  const articlesBlock = h(
    'section',
    { class: 'block', id: 'search-articles', dataset: { section: 'search-articles' } },
    h('h2', {}, `${t('articlesFound')} (${res.articles.total})`),
    res.articles.items.length ? list : emptyNote(t('noResults')),
    more,
  );
  page.append(storiesBlock, articlesBlock);
  return page;
}

function resultItem(r) {
  return h(
    'li',
    { class: 'result', dataset: { articleId: r.id } },
    h('h3', {}, h('a', { href: route('article', r.id), class: 'article-link' }, h('span', { dir: 'auto', class: 'bdi' }, marked(r.title ?? r.id, r.title_highlights)))),
    h('p', { class: 'snippet', dir: 'auto' }, marked(r.snippet.text, r.snippet.highlights)),
    h('p', { class: 'meta' }, bidi(r.source ?? ''), r.published_at ? ` · ${fmtDate(r.published_at)}` : '', r.story_id ? [' · ', h('a', { href: route('story', r.story_id) }, t('story'))] : null),
  );
}
