// One article: raw vs cleaned text (removed spans marked with their class), entities,
// quotes, dates and the passages it shares with other articles.
import { api } from '../api.js';
import { fmtDate, t } from '../i18n.js';
import { bidi, externalLink, h, marked, route } from '../dom.js';
import { emptyNote, section, typeLabel } from './common.js';

export async function articlePage(id) {
  const d = await api(`articles/${encodeURIComponent(id)}`);
  const a = d.article;
  const missing = d.missing || [];

  const head = h(
    'header',
    { class: 'article-head' },
    h('h1', { id: 'article-title' }, bidi(a.title ?? a.id)),
    h(
      'p',
      { class: 'meta' },
      bidi(a.source ?? '—', 'span', 'outlet'),
      a.published_at ? [' · ', t('published'), ' ', fmtDate(a.published_at), a.published_at_inferred ? ` ${t('inferred')}` : ''] : null,
      a.url ? [' · ', externalLink(a.url, t('openOriginal'))] : null,
      d.story ? [' · ', t('story'), ': ', h('a', { href: route('story', d.story.id), class: 'story-link' }, bidi(d.story.title))] : null,
    ),
  );

  // cleaned view: the whole text, body as is, removed spans struck through and labelled
  const removed = (d.article.removed || []).map((r) => ({ ...r }));
  const cleanedView = h(
    'div',
    { class: 'textview cleaned', id: 'cleaned-view', dir: 'auto' },
    marked(d.text, removed, (r) => ({ class: `removed removed-${r.class}`, title: t(`cls_${r.class}`), dataset: { cls: r.class } })),
  );
  // label each removed span after the fact (marked() gives plain marks)
  for (const m of cleanedView.querySelectorAll('mark.removed')) m.prepend(h('span', { class: 'cls' }, t(`cls_${m.dataset.cls}`)));
  const rawView = h('pre', { class: 'textview raw', id: 'raw-view', dir: 'auto', hidden: true }, d.raw);

  const tabCleaned = h('button', { type: 'button', class: 'tab active', id: 'tab-cleaned', role: 'tab', 'aria-selected': 'true' }, t('cleaned'));
  const tabRaw = h('button', { type: 'button', class: 'tab', id: 'tab-raw', role: 'tab', 'aria-selected': 'false' }, t('raw'));
  const show = (raw) => {
    rawView.hidden = !raw;
    cleanedView.hidden = raw;
    tabRaw.classList.toggle('active', raw);
    tabCleaned.classList.toggle('active', !raw);
    tabRaw.setAttribute('aria-selected', String(raw));
    tabCleaned.setAttribute('aria-selected', String(!raw));
  };
  tabCleaned.addEventListener('click', () => show(false));
  tabRaw.addEventListener('click', () => show(true));

  const text = h(
    'section',
    { class: 'block block-text', id: 'section-text', dataset: { section: 'text' } },
    h('div', { class: 'tabs', role: 'tablist' }, tabCleaned, tabRaw),
    h('p', { class: 'legend' }, t('removedLegend'), !d.cleaned ? h('span', { class: 'why' }, ` ${t('stageMissing', { stage: 'clean' })}`) : null),
    cleanedView,
    rawView,
  );

  const entities = section(
    'entities',
    t('entities'),
    dedupeEntities(a.entities),
    (items) => h('ul', { class: 'entities' }, items.map((e) => h('li', {}, e.entity_id ? h('a', { href: route('entity', e.entity_id), class: 'entity-link' }, bidi(e.text)) : bidi(e.text), ' ', h('span', { class: 'tag' }, typeLabel(e.type)), e.count > 1 ? ` ×${e.count}` : ''))),
    t('emptyEntities'),
    missing,
    'entities',
  );

  const quotes = section(
    'quotes',
    t('quotes'),
    a.quotes,
    (items) => h('ul', { class: 'quotes' }, items.map((q) => h('li', {}, q.speaker_entity_id ? h('a', { href: route('entity', q.speaker_entity_id) }, bidi(q.speaker_text ?? q.speaker_entity_id)) : bidi(q.speaker_text ?? t('unknownSpeaker')), ': ', h('q', { dir: 'auto', class: 'bdi' }, q.content)))),
    t('emptyQuotes'),
    missing,
    'quotes',
  );

  const dates = section('dates', t('dates'), a.dates, (items) => h('ul', { class: 'dates-list' }, items.map((x) => h('li', {}, bidi(x.text), ' → ', h('time', { datetime: x.value }, x.value)))), '—', missing, 'dates');

  const reuse = section(
    'reuse',
    t('reuse'),
    d.reuse,
    (links) =>
      h(
        'ul',
        { class: 'reuse' },
        links.map((l) => h('li', {}, h('a', { href: route('article', l.other_id) }, bidi(l.other_title ?? l.other_id)), ' — ', bidi(l.other_source ?? ''), ` · ${t('similarity')} ${Math.round(l.similarity * 100)}%`, h('ul', {}, l.passages.slice(0, 5).map((p) => h('li', {}, h('q', { dir: 'auto', class: 'bdi' }, p.text)))))),
      ),
    '—',
    missing,
    'reuse',
  );

  return h('div', { class: 'page article' }, head, text, entities, quotes, dates, reuse);
}

function dedupeEntities(list) {
  const by = new Map();
  for (const e of list || []) {
    const k = `${e.entity_id ?? ''}|${e.text}`;
    const x = by.get(k);
    if (x) x.count++;
    else by.set(k, { ...e, count: 1 });
  }
  return [...by.values()];
}

export { emptyNote };
