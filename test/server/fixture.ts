/**
 * A small store with every analysis filled in, written for the server tests (our own
 * fictional Arabic news; no sentence comes from real outlets). Offsets are computed, not
 * typed, so they always index the raw text.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article, CleanResult, EntityMention, Quote, ReuseLink, Story } from '../../src/model.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/store.ts';

interface Draft {
  id: string;
  source: string;
  title: string;
  publishedAt: string | null;
  lines: { text: string; cls?: CleanResult['removed'][number]['class'] }[];
  url?: string;
}

const SHARED = 'وقال المتحدث باسم الدفاع المدني إن فرق الإنقاذ أجلت مئة وعشرين أسرة من الأحياء المنخفضة خلال الليل.';

export const DRAFTS: Draft[] = [
  {
    id: 'a-flood-1',
    source: 'وكالة النخيل للأنباء',
    title: 'سيول تغمر أحياء في مدينة وادي الريم وإجلاء عشرات الأسر',
    publishedAt: '2025-04-02T08:10:00+03:00',
    url: 'https://nakheel.example/news/flood-1',
    lines: [
      { text: 'سيول تغمر أحياء في مدينة وادي الريم وإجلاء عشرات الأسر', cls: 'title' },
      { text: 'غمرت السيول صباح الأربعاء أحياء عدة في مدينة وادي الريم بعد أمطار غزيرة استمرت ست ساعات.' },
      { text: SHARED },
      { text: 'وأعلن محافظ المدينة سامر الخطيب تعليق الدراسة في المدارس يومين.' },
      { text: 'اقرأ أيضاً: ارتفاع أسعار الخضار في الأسواق', cls: 'related' },
    ],
  },
  {
    id: 'a-flood-2',
    source: 'صحيفة الرابية',
    title: 'وادي الريم تغرق: إجلاء أسر وتعليق الدراسة',
    publishedAt: '2025-04-02T12:30:00+03:00',
    url: 'javascript:alert(1)',
    lines: [
      { text: 'كتب: مراسل الرابية', cls: 'byline' },
      { text: 'شهدت مدينة وادي الريم سيولاً جارفة أدت إلى غرق عشرات المنازل.' },
      { text: SHARED },
      { text: 'وقال المحافظ سامر الخطيب: «لن نترك أي أسرة من دون مأوى».' },
      { text: 'وأفاد مصدر طبي بوفاة شخصين، فيما تحدث الدفاع المدني عن ثلاث وفيات.' },
      { text: 'شاركونا آراءكم في التعليقات', cls: 'comment_prompt' },
    ],
  },
  {
    id: 'a-flood-3',
    source: 'قناة الأفق',
    title: 'الخطيب يتفقد المناطق المتضررة من السيول في وادي الريم',
    publishedAt: '2025-04-03T09:00:00+03:00',
    lines: [
      { text: 'تفقد محافظ وادي الريم سامر الخطيب اليوم الخميس المناطق المتضررة من السيول.' },
      { text: 'وأكد الخطيب أن الحكومة ستعوض المتضررين، مشيراً إلى أن عدد الوفيات بلغ ثلاثة أشخاص.' },
      { text: 'وكان الرئيس بوتين قد أرسل برقية تعزية، وقالت الخارجية إن وبوتين أبدى استعداد بلاده للمساعدة.' },
    ],
  },
  {
    id: 'a-book-1',
    source: 'صحيفة الرابية',
    title: 'افتتاح معرض الكتاب في مدينة الساحل بمشاركة مئتي دار نشر',
    publishedAt: '2025-03-20T10:00:00+03:00',
    lines: [
      { text: 'افتتح وزير الثقافة ليلى منصور معرض الكتاب في مدينة الساحل بمشاركة مئتي دار نشر عربية.' },
      { text: 'وقالت منصور إن المعرض يخصص جناحاً لكتب الأطفال هذا العام، وأشارت إلى ندوة تتناول كتاباً عن الرؤية السياسية لبوتين.' },
      { text: 'تابعونا على منصات التواصل الاجتماعي', cls: 'cta' },
    ],
  },
  {
    id: 'a-book-2',
    source: 'قناة الأفق',
    title: 'معرض الساحل للكتاب يفتح أبوابه',
    publishedAt: '2025-03-21T18:00:00+03:00',
    lines: [
      { text: 'فتح معرض الساحل للكتاب أبوابه أمام الزوار بمشاركة مئة وثمانين داراً للنشر.' },
      { text: 'وأعلنت الإدارة أن الدخول مجاني للطلاب طوال أيام المعرض.' },
    ],
  },
  {
    id: 'a-alone',
    source: 'وكالة النخيل للأنباء',
    title: 'الأسئلة الإسرائيلية تشغل المحللين',
    publishedAt: '2025-02-11T07:00:00+03:00',
    lines: [{ text: 'تناول محللون في ندوة عقدت أمس ملف إسرائيل والمفاوضات الإقليمية.' }],
  },
];

/** articles carrying attack payloads: markup, event handlers, javascript: links, bidi overrides */
export const HOSTILE: Draft = {
  id: 'a-hostile',
  source: 'مصدر <img src=x onerror="window.__pwned=1">',
  title: '<script>window.__pwned=1</script>عنوان \u202Eمقلوب\u202C <b onmouseover="window.__pwned=1">خبر</b>',
  publishedAt: '2025-04-02T13:00:00+03:00',
  url: 'javascript:window.__pwned=1',
  lines: [
    { text: 'غمرت السيول <script>window.__pwned=1;alert(1)</script> أحياء في وادي الريم <img src=x onerror="window.__pwned=1;alert(2)">.' },
    { text: '<a href="javascript:window.__pwned=1">اضغط هنا</a> \u202Eنص معكوس الاتجاه\u202C <iframe src="javascript:window.__pwned=1"></iframe>' },
    { text: '<svg onload="window.__pwned=1"></svg><style>body{display:none}</style>' },
  ],
};

function build(d: Draft): { article: Article; clean: CleanResult; lineSpans: { start: number; end: number; text: string }[] } {
  let raw = '';
  const lineSpans: { start: number; end: number; text: string }[] = [];
  for (const l of d.lines) {
    if (raw) raw += '\n';
    lineSpans.push({ start: raw.length, end: raw.length + l.text.length, text: l.text });
    raw += l.text;
  }
  const article: Article = {
    id: d.id,
    inputId: d.id,
    url: d.url ?? null,
    source: d.source,
    origin: `fixture/${d.id}.txt`,
    format: 'txt',
    publishedAt: d.publishedAt,
    title: d.title,
    lang: 'ar',
    raw,
    rawKind: 'text',
    encoding: 'utf-8',
    ingestedAt: '2025-04-05T00:00:00Z',
  };
  const clean: CleanResult = {
    title: d.title,
    kicker: null,
    byline: null,
    paragraphs: d.lines.flatMap((l, i) => (l.cls ? [] : [{ ...lineSpans[i] }])),
    removed: d.lines.flatMap((l, i) => (l.cls ? [{ class: l.cls, ...lineSpans[i] }] : [])),
    text: raw,
    textIsRaw: true,
    meta: {},
  };
  return { article, clean, lineSpans };
}

function mention(raw: string, text: string, entityId: string, type: EntityMention['type'], from = 0): EntityMention | null {
  const start = raw.indexOf(text, from);
  return start < 0 ? null : { start, end: start + text.length, text, type, entityId };
}

export const STORY_FLOOD: Story = {
  id: 'story-flood',
  title: 'سيول وادي الريم',
  headline: 'سيول تغمر أحياء في مدينة وادي الريم وإجلاء الأسر',
  articleIds: ['a-flood-1', 'a-flood-2', 'a-flood-3'],
  sources: ['وكالة النخيل للأنباء', 'صحيفة الرابية', 'قناة الأفق'],
  firstReportedBy: 'a-flood-1',
  dateStart: '2025-04-02',
  dateEnd: '2025-04-03',
  events: [{ id: 'story-flood/e1', title: 'السيول والإجلاء', date: '2025-04-02', articleIds: ['a-flood-1', 'a-flood-2'] }],
  entities: [
    { id: 'per:khatib', name: 'سامر الخطيب', type: 'PER', variants: ['سامر الخطيب', 'الخطيب', 'المحافظ سامر الخطيب'], articleIds: ['a-flood-1', 'a-flood-2', 'a-flood-3'] },
    { id: 'loc:wadi-rim', name: 'وادي الريم', type: 'LOC', variants: ['وادي الريم', 'مدينة وادي الريم'], articleIds: ['a-flood-1', 'a-flood-2', 'a-flood-3'] },
  ],
  timeline: [
    { date: '2025-04-02', text: 'سيول تغمر أحياء المدينة وإجلاء مئة وعشرين أسرة', articleIds: ['a-flood-1', 'a-flood-2'] },
    { date: '2025-04-03', text: 'المحافظ يتفقد المناطق المتضررة', articleIds: ['a-flood-3'] },
  ],
  facts: [{ text: 'أجلت فرق الإنقاذ مئة وعشرين أسرة', articleIds: ['a-flood-1', 'a-flood-2'] }],
  conflicts: [
    {
      type: 'number',
      about: 'عدد الوفيات',
      sides: [
        { text: 'وفاة شخصين', articleIds: ['a-flood-2'], speakerEntityId: null },
        { text: 'ثلاث وفيات', articleIds: ['a-flood-2', 'a-flood-3'], speakerEntityId: 'per:khatib' },
      ],
    },
  ],
  summary: [
    { text: 'غمرت السيول أحياء في مدينة وادي الريم وأجلت فرق الإنقاذ مئة وعشرين أسرة.', articleIds: ['a-flood-1', 'a-flood-2'] },
    { text: 'وتفقد المحافظ سامر الخطيب المناطق المتضررة ووعد بتعويض المتضررين.', articleIds: ['a-flood-3'] },
  ],
};

export const STORY_BOOK: Story = {
  id: 'story-book',
  title: 'معرض الساحل للكتاب',
  headline: 'افتتاح معرض الكتاب في مدينة الساحل',
  articleIds: ['a-book-1', 'a-book-2'],
  sources: ['صحيفة الرابية', 'قناة الأفق'],
  firstReportedBy: 'a-book-1',
  dateStart: '2025-03-20',
  dateEnd: '2025-03-21',
  events: [],
  entities: [{ id: 'per:mansour', name: 'ليلى منصور', type: 'PER', variants: ['ليلى منصور', 'منصور'], articleIds: ['a-book-1'] }],
  timeline: [],
  facts: [],
  conflicts: [
    {
      type: 'number',
      about: 'عدد دور النشر',
      sides: [
        { text: 'مئتا دار نشر', articleIds: ['a-book-1'], speakerEntityId: null },
        { text: 'مئة وثمانون داراً', articleIds: ['a-book-2'], speakerEntityId: null },
      ],
    },
  ],
  summary: [],
};

export interface Fixture {
  store: Store;
  dir: string;
  cleanup(): Promise<void>;
}

/** a temporary SQLite store holding the drafts (+ the hostile article when asked) with analyses and stories */
export async function fixtureStore(opts: { hostile?: boolean } = {}): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-server-'));
  const store = new SqliteStore(join(dir, 'marsad.db'));
  const drafts = opts.hostile ? [...DRAFTS, HOSTILE] : DRAFTS;
  const built = drafts.map(build);
  await store.addArticles(built.map((b) => b.article));
  await store.putAnalyses('clean', built.map((b) => ({ articleId: b.article.id, data: b.clean })));
  const raw = (id: string) => built.find((b) => b.article.id === id)!.article.raw;
  const ents: { articleId: string; data: EntityMention[] }[] = [];
  for (const b of built) {
    const r = b.article.raw;
    const list = [
      mention(r, 'سامر الخطيب', 'per:khatib', 'PER'),
      mention(r, 'الخطيب', 'per:khatib', 'PER', (r.indexOf('سامر الخطيب') + 11) || 0),
      mention(r, 'وادي الريم', 'loc:wadi-rim', 'LOC'),
      mention(r, 'ليلى منصور', 'per:mansour', 'PER'),
      mention(r, 'بوتين', 'per:putin', 'PER'),
    ].filter((m): m is EntityMention => !!m);
    ents.push({ articleId: b.article.id, data: list });
  }
  await store.putAnalyses('entities', ents);
  const quote = (id: string, content: string, speaker: string, entityId: string | null, direct: boolean): Quote => {
    const r = raw(id);
    const start = r.indexOf(content);
    return { start, end: start + content.length, content, contentSpan: { start, end: start + content.length }, speakerText: speaker, speakerEntityId: entityId, speaker: null, cue: direct ? 'قال' : 'أكد', cueSpan: null, direct };
  };
  await store.putAnalyses('quotes', [
    { articleId: 'a-flood-2', data: [quote('a-flood-2', 'لن نترك أي أسرة من دون مأوى', 'المحافظ سامر الخطيب', 'per:khatib', true)] },
    { articleId: 'a-flood-3', data: [quote('a-flood-3', 'الحكومة ستعوض المتضررين', 'الخطيب', 'per:khatib', false)] },
    { articleId: 'a-book-1', data: [quote('a-book-1', 'المعرض يخصص جناحاً لكتب الأطفال هذا العام', 'منصور', 'per:mansour', false)] },
  ]);
  const s1 = raw('a-flood-1').indexOf(SHARED);
  const s2 = raw('a-flood-2').indexOf(SHARED);
  const link = (other: string, start: number, otherStart: number): ReuseLink => ({
    otherId: other,
    similarity: 0.41,
    passages: [{ text: SHARED, start, end: start + SHARED.length, otherStart, otherEnd: otherStart + SHARED.length }],
    coverage: 0.4,
  });
  await store.putAnalyses('reuse', [
    { articleId: 'a-flood-1', data: [link('a-flood-2', s1, s2)] },
    { articleId: 'a-flood-2', data: [link('a-flood-1', s2, s1)] },
  ]);
  await store.putAnalyses('dates', [{ articleId: 'a-flood-3', data: { mentions: [{ text: 'اليوم الخميس', value: '2025-04-03', kind: 'weekday', start: raw('a-flood-3').indexOf('اليوم الخميس'), end: raw('a-flood-3').indexOf('اليوم الخميس') + 12 }] } }]);
  const stories: Story[] = [STORY_FLOOD, STORY_BOOK];
  if (opts.hostile) {
    stories.push({
      ...STORY_FLOOD,
      id: 'story-hostile',
      title: HOSTILE.title,
      headline: '<img src=x onerror="window.__pwned=1">',
      articleIds: ['a-hostile', 'a-flood-1'],
      sources: [HOSTILE.source, 'وكالة النخيل للأنباء'],
      firstReportedBy: 'a-hostile',
      dateEnd: '2025-04-04',
      summary: [{ text: '<script>window.__pwned=1</script>\u202Eملخص', articleIds: ['a-hostile'] }],
      timeline: [{ date: '2025-04-02', text: '<img src=x onerror=alert(3)>', articleIds: ['a-hostile'] }],
      conflicts: [{ type: 'claim', about: '<b onclick="window.__pwned=1">x</b>', sides: [{ text: 'javascript:alert(4)', articleIds: ['a-hostile'], speakerEntityId: null }] }],
      entities: [{ id: 'per:evil', name: '<script>window.__pwned=1</script>', type: 'PER', variants: ['\u202Eشرير'], articleIds: ['a-hostile'] }],
    });
  }
  await store.putStories(stories);
  await store.putAnalyses('story', stories.flatMap((s) => s.articleIds.map((a) => ({ articleId: a, data: { storyId: s.id, eventId: null } }))));
  return {
    store,
    dir,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
