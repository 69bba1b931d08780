// A story: cited summary, timeline, conflicts, the outlets side by side with shared
// passages highlighted, quotes by speaker, entities, coverage.
import { api } from '../api.js';
import { fmtDate, t } from '../i18n.js';
import { bidi, externalLink, h, marked, route } from '../dom.js';
import { citations, dateRange, section, sourceChips, typeLabel } from './common.js';

export async function storyPage(id) {
  const data = await api(`stories/${encodeURIComponent(id)}`);
  const s = data.story;
  const missing = data.missing || [];
  const byId = new Map(data.articles.map((a) => [a.id, a]));
  const names = new Map((s.entities || []).map((e) => [e.id, e.name]));
  const first = s.first_reported_by ? byId.get(s.first_reported_by) : null;

  const header = h(
    'header',
    { class: 'story-head' },
    h('h1', { id: 'story-title' }, bidi(s.title)),
    s.headline && s.headline !== s.title ? h('p', { class: 'headline' }, bidi(s.headline)) : null,
    h('p', { class: 'meta' }, dateRange(s.date_start, s.date_end), ' · ', `${s.article_ids.length} ${t('articles')}`, first ? [' · ', t('firstReported'), ': ', bidi(first.source ?? first.id)] : null),
    sourceChips(s.sources),
  );

  const summary = section('summary', t('summary'), s.summary, (items) => h('ol', { class: 'summary' }, items.map((x) => h('li', {}, bidi(x.text, 'span'), ' ', citations(x.article_ids, byId)))), t('emptySummary'), missing, 'story');

  const timeline = section(
    'timeline',
    t('timeline'),
    s.timeline,
    (items) => h('ol', { class: 'timeline' }, items.map((x) => h('li', {}, h('time', { datetime: x.date, class: 'when' }, fmtDate(x.date)), ' ', bidi(x.text), ' ', citations(x.article_ids, byId)))),
    t('emptyTimeline'),
    missing,
    'dates',
  );

  const conflicts = section(
    'conflicts',
    t('conflicts'),
    s.conflicts,
    (items) =>
      h(
        'div',
        { class: 'conflicts' },
        items.map((c) =>
          h(
            'div',
            { class: 'conflict' },
            h('h3', {}, h('span', { class: 'tag' }, t(`conflict_${c.type}`)), ' ', bidi(c.about)),
            h('ul', { class: 'sides' }, c.sides.map((x) => h('li', {}, bidi(x.text, 'span', 'side-text'), x.speaker_entity_id && names.get(x.speaker_entity_id) ? [' — ', h('a', { href: route('entity', x.speaker_entity_id) }, bidi(names.get(x.speaker_entity_id)))] : null, ' ', citations(x.article_ids, byId)))),
          ),
        ),
      ),
    t('emptyConflicts'),
    missing,
    'story',
  );

  const facts = s.facts && s.facts.length ? section('facts', t('facts'), s.facts, (items) => h('ul', { class: 'facts' }, items.map((f) => h('li', {}, bidi(f.text), ' ', citations(f.article_ids, byId)))), t('emptyFacts')) : null;

  const columns = h(
    'div',
    { class: 'columns' },
    data.articles.map((a) =>
      h(
        'article',
        { class: a.is_first ? 'column first' : 'column', dataset: { articleId: a.id } },
        h('h3', {}, bidi(a.source ?? '—', 'span', 'outlet'), a.is_first ? h('span', { class: 'badge' }, t('firstReported')) : null),
        h('p', { class: 'col-title' }, h('a', { href: route('article', a.id), class: 'article-link' }, bidi(a.title ?? a.id))),
        h('p', { class: 'meta' }, a.published_at ? fmtDate(a.published_at) : '', a.published_at_inferred ? ` ${t('inferred')}` : '', ` · ${a.words} ${t('words')}`, a.url ? [' · ', externalLink(a.url, t('openOriginal'))] : null),
        a.body_included ? h('div', { class: 'body' }, a.paragraphs.map((p) => h('p', { dir: 'auto', class: 'bdi' }, marked(p.text, clip(a.shared, p), (r) => ({ class: 'shared', title: `${t('shared')} ${r.other_ids.map((o) => byId.get(o)?.source ?? o).join('، ')}` }))))) : h('p', { class: 'empty' }, t('bodyOmitted')),
      ),
    ),
  );
  const sources = h('section', { class: 'block block-sources', id: 'section-sources', dataset: { section: 'sources' } }, h('h2', {}, t('sideBySide')), h('p', { class: 'legend' }, h('mark', { class: 'shared swatch' }, ' '), ' ', t('sharedLegend'), missing.includes('reuse') ? h('span', { class: 'why' }, ` ${t('stageMissing', { stage: 'reuse' })}`) : null), columns);

  const quotes = section(
    'quotes',
    t('quotes'),
    data.quotes_by_speaker,
    (groups) =>
      h(
        'div',
        { class: 'quote-groups' },
        groups.map((g) =>
          h(
            'div',
            { class: 'speaker' },
            h('h3', {}, g.speaker_entity_id ? h('a', { href: route('entity', g.speaker_entity_id) }, bidi(g.speaker || g.speaker_entity_id)) : bidi(g.speaker || t('unknownSpeaker'))),
            h('ul', {}, g.quotes.map((q) => h('li', { class: q.direct ? 'quote direct' : 'quote' }, h('q', { dir: 'auto', class: 'bdi' }, q.content), ' ', h('span', { class: 'tag' }, q.direct ? t('direct') : t('indirect')), ' ', citations([q.article_id], byId)))),
          ),
        ),
      ),
    t('emptyQuotes'),
    missing,
    'quotes',
  );

  const entities = section(
    'entities',
    t('entities'),
    s.entities,
    (items) =>
      h(
        'ul',
        { class: 'entities' },
        items.map((e) => h('li', {}, h('a', { href: route('entity', e.id), class: 'entity-link' }, bidi(e.name)), ' ', h('span', { class: 'tag' }, typeLabel(e.type)), e.variants && e.variants.length > 1 ? h('span', { class: 'variants' }, ' (', e.variants.filter((v) => v !== e.name).map((v, i) => [i ? '، ' : '', bidi(v)]), ')') : null)),
      ),
    t('emptyEntities'),
    missing,
    'entities',
  );

  const coverage = section(
    'coverage',
    t('coverage'),
    data.coverage,
    (rows) =>
      h(
        'table',
        { class: 'coverage' },
        h('thead', {}, h('tr', {}, h('th', {}, t('outlet')), h('th', {}, t('articles')), h('th', {}, t('firstPublished')), h('th', {}, t('words')), h('th', {}, t('sharedShare')))),
        h('tbody', {}, rows.map((r) => h('tr', {}, h('td', {}, bidi(r.source)), h('td', {}, r.article_ids.map((id, i) => [i ? ' ' : '', h('a', { href: route('article', id) }, String(i + 1))])), h('td', {}, r.first_published_at ? fmtDate(r.first_published_at) : '—'), h('td', {}, String(r.words)), h('td', {}, `${Math.round(r.shared_share * 100)}%`)))),
      ),
    '',
  );

  return h('div', { class: 'page story' }, header, summary, timeline, conflicts, facts, sources, quotes, entities, coverage);
}

/** shared ranges of the article text that fall in paragraph p, relative to p.text */
function clip(ranges, p) {
  return (ranges || [])
    .filter((r) => r.end > p.start && r.start < p.end)
    .map((r) => ({ ...r, start: Math.max(0, r.start - p.start), end: Math.min(p.end, r.end) - p.start }));
}
