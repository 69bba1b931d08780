// The story feed: newest or biggest first, filtered by outlet, dates and text.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h } from '../dom.js';
import { storyCard, emptyNote } from './common.js';

let sourcesCache = null;
async function outlets() {
  if (!sourcesCache) sourcesCache = (await api('stats')).sources ?? [];
  return sourcesCache;
}

export async function feedPage(params) {
  const filters = {
    order: params.get('order') === 'biggest' ? 'biggest' : 'newest',
    source: params.get('source') || '',
    since: params.get('since') || '',
    until: params.get('until') || '',
    q: params.get('q') || '',
  };
  const [pageData, sources] = await Promise.all([api('stories', { ...filters, limit: 20 }), outlets()]);
  const list = h('div', { class: 'story-list', id: 'story-list' }, pageData.items.map((s) => storyCard(s)));

  const go = (changes) => {
    const next = { ...filters, ...changes };
    const qs = new URLSearchParams(Object.entries(next).filter(([k, v]) => v && !(k === 'order' && v === 'newest')));
    location.hash = `#/${qs.toString() ? `?${qs}` : ''}`;
  };
  const form = h(
    'form',
    {
      class: 'filters',
      id: 'feed-filters',
      on: {
        submit: (ev) => {
          ev.preventDefault();
          const fd = new FormData(ev.target);
          go({ source: fd.get('source') || '', since: fd.get('since') || '', until: fd.get('until') || '', q: String(fd.get('q') || '').trim() });
        },
      },
    },
    h('label', {}, t('outlet'), ' ', h('select', { name: 'source' }, h('option', { value: '' }, t('allOutlets')), sources.map((s) => h('option', { value: s.source, selected: s.source === filters.source }, `${s.source} (${s.count})`)))),
    h('label', {}, t('since'), ' ', h('input', { type: 'date', name: 'since', value: filters.since })),
    h('label', {}, t('until'), ' ', h('input', { type: 'date', name: 'until', value: filters.until })),
    h('label', {}, t('text'), ' ', h('input', { type: 'search', name: 'q', value: filters.q, dir: 'auto' })),
    h('button', { type: 'submit' }, t('filter')),
    h('button', { type: 'button', class: 'secondary', on: { click: () => (location.hash = '#/') } }, t('reset')),
  );
  const tabs = h(
    'div',
    { class: 'tabs', role: 'tablist' },
    ['newest', 'biggest'].map((o) => h('button', { type: 'button', role: 'tab', class: o === filters.order ? 'tab active' : 'tab', 'aria-selected': String(o === filters.order), id: `order-${o}`, on: { click: () => go({ order: o }) } }, t(o))),
  );

  let next = pageData.next_cursor;
  const more = h('button', { type: 'button', class: 'more', id: 'feed-more', hidden: !next }, t('more'));
  more.addEventListener('click', async () => {
    more.disabled = true;
    const p = await api('stories', { ...filters, limit: 20, cursor: next });
    list.append(...p.items.map((s) => storyCard(s)));
    next = p.next_cursor;
    more.hidden = !next;
    more.disabled = false;
  });

  return h(
    'div',
    { class: 'page feed' },
    h('h1', {}, t('feed')),
    form,
    tabs,
    pageData.items.length ? list : emptyNote(`${t('noStories')} ${t('noStoriesHint')}`),
    more,
  );
}
