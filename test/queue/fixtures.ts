/**
 * Generated Arabic news for queue/worker tests: `stories` events, each reported by several
 * outlets over a few days, in our own words (general vocabulary, invented names). Articles of
 * one story share its place, actor and event words; the rest varies. Deterministic per seed.
 */
import type { Article } from '../../src/model.ts';
import { articleId } from '../../src/ingest/identity.ts';
import { bcubed } from '../../evals/_cluster-metrics.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const OUTLETS = ['الأفق', 'مدار', 'الرصيف', 'صوت الساحل', 'النهار الجديد', 'بوابة الشرق'];
const CITIES = ['تطوان', 'صفاقس', 'حماة', 'المنصورة', 'إربد', 'صلالة', 'الموصل', 'بنغازي', 'عطبرة', 'نواكشوط', 'جدة', 'الزرقاء', 'سوسة', 'أكادير', 'طرابلس', 'حلب', 'البصرة', 'الإسماعيلية', 'نزوى', 'المكلا', 'قسنطينة', 'وهران', 'الخليل', 'دير الزور', 'كركوك', 'أسوان', 'الطائف', 'مأرب', 'بيشة', 'الفجيرة'];
const FIRST = ['سالم', 'نادية', 'كريم', 'هدى', 'ماجد', 'ليلى', 'عادل', 'سعاد', 'فراس', 'رنا', 'باسل', 'منى', 'طارق', 'عبير', 'يوسف', 'دعاء', 'مروان', 'سهى', 'جمال', 'وفاء'];
const LAST = ['الحداد', 'العطار', 'النجار', 'الخطيب', 'الشامي', 'البدوي', 'القاسم', 'الراشد', 'المصري', 'الزين', 'السعدي', 'الفارس', 'الحلبي', 'العمري', 'الجابر'];

interface Kind {
  title: (c: string, p: string) => string[];
  lines: (c: string, p: string, n: number) => string[];
}

const KINDS: Kind[] = [
  {
    title: (c) => [`فيضانات تغمر أحياء في ${c}`, `السيول تقطع الطرق في ${c}`, `أمطار غزيرة تتسبب في فيضانات بمدينة ${c}`],
    lines: (c, p, n) => [
      `غمرت مياه الفيضانات أحياء سكنية في مدينة ${c} بعد أمطار غزيرة استمرت يومين.`,
      `وقال ${p} مدير الدفاع المدني إن فرق الإنقاذ أجلت ${n} أسرة من المناطق المنخفضة.`,
      `وأعلنت السلطات المحلية في ${c} تعليق الدراسة في المدارس حتى إشعار آخر.`,
      `وأظهرت صور متداولة سيارات جرفتها السيول في الشوارع الرئيسية.`,
      `وحذرت هيئة الأرصاد من استمرار هطول الأمطار خلال الساعات المقبلة.`,
    ],
  },
  {
    title: (c, p) => [`إضراب عمال الموانئ في ${c} يدخل يومه الثالث`, `${p}: لا تراجع عن إضراب ميناء ${c}`, `شلل في ميناء ${c} بسبب الإضراب`],
    lines: (c, p, n) => [
      `يواصل عمال ميناء ${c} إضرابهم للمطالبة بزيادة الأجور وتحسين ظروف العمل.`,
      `وقال ${p} رئيس نقابة عمال الموانئ إن ${n} عاملا يشاركون في الإضراب.`,
      `وتكدست الحاويات على أرصفة الميناء وتأخرت عشرات السفن عن التفريغ.`,
      `ودعت وزارة النقل النقابة إلى الحوار وإنهاء الإضراب في أقرب وقت.`,
      `وحذر مستوردون من ارتفاع أسعار السلع إذا استمر توقف الميناء.`,
    ],
  },
  {
    title: (c, p) => [`${p} يفوز برئاسة بلدية ${c}`, `نتائج انتخابات بلدية ${c}: فوز ${p}`, `انتخابات ${c} البلدية تحسم لصالح ${p}`],
    lines: (c, p, n) => [
      `أعلنت اللجنة الانتخابية فوز ${p} برئاسة المجلس البلدي في مدينة ${c}.`,
      `وحصل ${p} على ${n} صوتا متقدما على منافسيه في الجولة الثانية.`,
      `وبلغت نسبة المشاركة في انتخابات ${c} البلدية أعلى مستوى منذ عشر سنوات.`,
      `ووعد رئيس البلدية الجديد بتحسين النظافة والنقل العام وإصلاح الطرق.`,
      `وطعن مرشحون خاسرون في بعض النتائج أمام المحكمة الإدارية.`,
    ],
  },
  {
    title: (c) => [`حريق ضخم في سوق ${c} القديم`, `النيران تلتهم محلات في سوق ${c}`, `السيطرة على حريق سوق ${c}`],
    lines: (c, p, n) => [
      `اندلع حريق ضخم فجر اليوم في السوق القديم بمدينة ${c} وأتى على عشرات المحلات.`,
      `وقال ${p} المتحدث باسم الدفاع المدني إن ${n} فرقة إطفاء شاركت في إخماد النيران.`,
      `ولم تسجل إصابات بشرية بحسب المصادر الرسمية لكن الخسائر المادية كبيرة.`,
      `وفتحت النيابة العامة تحقيقا لمعرفة أسباب الحريق وسط ترجيحات بوجود تماس كهربائي.`,
      `وطالب تجار السوق بتعويضات عاجلة عن البضائع التي احترقت.`,
    ],
  },
  {
    title: (c, p) => [`${p} يفتتح مستشفى جديدا في ${c}`, `افتتاح مستشفى ${c} الجامعي`, `مستشفى جديد يستقبل مرضى ${c}`],
    lines: (c, p, n) => [
      `افتتح وزير الصحة ${p} اليوم مستشفى جديدا في مدينة ${c} بسعة ${n} سرير.`,
      `ويضم المستشفى أقساما للطوارئ والعناية المركزة وجراحة القلب.`,
      `وقال ${p} إن المشروع سيخفف الضغط عن مستشفيات المحافظات المجاورة.`,
      `وبلغت تكلفة إنشاء المستشفى نحو مليار ونصف المليار من العملة المحلية.`,
      `ورحب سكان ${c} بالمشروع الذي انتظروه سنوات طويلة.`,
    ],
  },
  {
    title: (c, p) => [`زلزال بقوة خمس درجات يضرب ${c}`, `هزة أرضية تثير الذعر في ${c}`, `${p}: أضرار محدودة بعد زلزال ${c}`],
    lines: (c, p, n) => [
      `ضرب زلزال بقوة خمس درجات على مقياس ريختر مدينة ${c} مساء أمس.`,
      `وقال ${p} مدير مرصد الزلازل إن مركز الهزة كان على عمق عشرة كيلومترات.`,
      `وخرج السكان إلى الشوارع خوفا من هزات ارتدادية وسجلت تشققات في ${n} مبنى.`,
      `وأرسلت الحكومة فرقا هندسية لتقييم سلامة المباني المتضررة في ${c}.`,
      `وتعد المنطقة من المناطق النشطة زلزاليا بحسب خبراء الجيولوجيا.`,
    ],
  },
];

const FILLER = [
  'وتابعت وسائل الإعلام المحلية تطورات الحدث منذ الصباح.',
  'ولم يصدر حتى الآن تعليق رسمي من الحكومة على هذه التطورات.',
  'وتداول ناشطون على مواقع التواصل الاجتماعي مقاطع مصورة للحدث.',
  'ومن المنتظر أن تتضح الصورة أكثر خلال الأيام القليلة المقبلة.',
];

export interface FixtureOptions {
  stories?: number;
  articles?: number;
  seed?: number;
}

/** `articles` articles over `stories` stories, in publication order; truth maps id → story. */
export function fixtureArticles(opts: FixtureOptions = {}): { articles: Article[]; truth: Map<string, string> } {
  const nStories = opts.stories ?? 30;
  const n = opts.articles ?? 300;
  const r = rng(opts.seed ?? 7);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const t0 = Date.parse('2023-03-01T06:00:00Z');
  const stories = Array.from({ length: nStories }, (_, i) => ({
    key: `story${i + 1}`,
    kind: KINDS[i % KINDS.length],
    city: CITIES[i % CITIES.length],
    person: `${FIRST[(i * 7) % FIRST.length]} ${LAST[(i * 11) % LAST.length]}`,
    start: t0 + (i * 3 + Math.floor(r() * 3)) * 86_400_000, // same-kind stories 18 days apart: the clusterer closes stories after 10 quiet days
  }));
  const out: { a: Article; story: string; t: number }[] = [];
  for (let k = 0; k < n; k++) {
    const s = stories[k < nStories ? k : Math.floor(r() * nStories)];
    const t = s.start + Math.floor(r() * 3 * 86_400_000);
    const source = pick(OUTLETS);
    const lines = s.kind.lines(s.city, s.person, 10 + Math.floor(r() * 400));
    const body = lines.filter(() => r() < 0.8);
    if (body.length < 2) body.push(lines[0], lines[1]);
    if (r() < 0.5) body.push(pick(FILLER));
    const title = pick(s.kind.title(s.city, s.person));
    const raw = `${title}\n${source} - ${s.city}\n${body.join('\n')}\n(رقم ${k + 1})`;
    const iso = new Date(t).toISOString();
    out.push({
      a: {
        id: articleId(source, raw, 'text'),
        inputId: `gen-${k + 1}`,
        url: `https://news.example/${k + 1}`,
        source,
        origin: `gen/${k + 1}.txt`,
        format: 'txt',
        publishedAt: iso,
        title,
        lang: 'ar',
        raw,
        rawKind: 'text',
        encoding: 'utf-8',
        ingestedAt: '2023-04-01T00:00:00.000Z',
      },
      story: s.key,
      t,
    });
  }
  out.sort((x, y) => x.t - y.t);
  return { articles: out.map((x) => x.a), truth: new Map(out.map((x) => [x.a.id, x.story])) };
}

/** B-cubed F1 of clustering `got` against `ref` (both article → cluster), over the ids of `ref`. */
export function bcubedF1(ref: Map<string, string>, got: Map<string, string>): number {
  return bcubed(ref, got).f1;
}
