/**
 * Builds the cleaning gold set (articles.jsonl + labels.jsonl) from the hand-written pool:
 * 13 site templates (wire agency, Gulf paper with Hijri dates, TV site, aggregator, regional
 * site, sports site, translated press, opinion column, CNN-style portal, photo-heavy site,
 * BBC-style site, and three HTML page templates) × 5 articles. Labels follow
 * /work/shared/data/clean/GUIDELINES.md. Split by TEMPLATE: dev templates are used for
 * tuning, test templates only for reporting (unseen layouts).
 *   npx tsx evals/data/clean/generate.ts
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STORIES, OTHER_HEADLINES, TEASERS, AUTHORS, AGENCIES, type Story } from './pool.ts';

type Cls = 'body' | 'title' | 'kicker' | 'subheading' | 'related' | 'cta' | 'comment_prompt' | 'caption' | 'byline' | 'dateline' | 'credit' | 'markup' | 'other' | 'empty';
interface Sample {
  lines: [string, Cls][];
  prefix?: { text: string; kind: 'dateline' | 'byline' | 'both' };
  html?: string;
  body?: string[];
  title: string;
}

let seed = 7;
const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const picks = <T>(xs: T[], k: number): T[] => {
  const c = [...xs];
  const out: T[] = [];
  while (out.length < k && c.length) out.push(c.splice(Math.floor(rnd() * c.length), 1)[0]!);
  return out;
};
/** the first paragraph plus a random ordered subset of the rest */
function body(s: Story, min = 4): string[] {
  const rest = s.paras.slice(1).filter(() => rnd() < 0.8);
  while (rest.length < min - 1 && rest.length < s.paras.length - 1) rest.push(s.paras[rest.length + 1]!);
  return [s.paras[0]!, ...rest];
}
const B = (p: string): [string, Cls] => [p, 'body'];
const HIJRI = ['12 ربيع الأول 1445 هـ الموافق 27 سبتمبر 2023 م', '3 شوال 1444 هـ الموافق 23 أبريل 2023 م', '19 جمادى الآخرة 1445 هـ الموافق 1 يناير 2024 م'];

const T: Record<string, (s: Story) => Sample> = {
  wire(s) {
    const ag = pick(['واس', 'كونا', 'وام', 'قنا']);
    const b = body(s);
    const pre = `${s.place} - ${ag} -`;
    return {
      title: s.title,
      prefix: { text: pre, kind: 'dateline' },
      lines: [[`${pre} ${b[0]}`, 'body'], ...b.slice(1).map(B), [' // انتهى //', 'other'], [`${10 + Math.floor(rnd() * 13)}:${10 + Math.floor(rnd() * 49)} ت م`, 'other']],
    };
  },
  gulfHijri(s) {
    const b = body(s, 5);
    const a = pick(AUTHORS);
    return {
      title: s.title,
      lines: [
        [`${s.place} ${pick(HIJRI)}`, 'dateline'],
        [`كتب - ${a}`, 'byline'],
        ...b.slice(0, 2).map(B),
        [s.subs[0]!, 'subheading'],
        ...b.slice(2).map(B),
        [`* نقلاً عن صحيفة ${pick(['الوطن', 'الشرق', 'البلاد', 'الخليج'])}`, 'credit'],
        ['جميع الحقوق محفوظة © 2023', 'credit'],
      ],
    };
  },
  tv(s) {
    const b = body(s, 5);
    const pre = `${s.place} (${pick(['قناة المدار', 'الشاشة الأولى', 'تلفزيون الأفق'])}) -`;
    const rel = picks(OTHER_HEADLINES, 3);
    return {
      title: s.title,
      prefix: { text: pre, kind: 'dateline' },
      lines: [
        ['عاجل', 'kicker'],
        [s.title, 'title'],
        ['تابعونا على تلغرام للحصول على آخر الأخبار العاجلة', 'cta'],
        [`${pre} ${b[0]}`, 'body'],
        B(b[1]!),
        [`شاهد أيضاً: ${pick(OTHER_HEADLINES)}`, 'related'],
        ...b.slice(2, 4).map(B),
        [s.subs[1] ?? s.subs[0]!, 'subheading'],
        ...b.slice(4).map(B),
        ['اقرأ أيضاً', 'related'],
        ...rel.map((h): [string, Cls] => [h, 'related']),
      ],
    };
  },
  aggregator(s) {
    const b = body(s);
    const lines: [string, Cls][] = [['مقالات مشابهة', 'related'], ['', 'empty'], [s.title, 'title'], ['', 'empty']];
    for (const p of b) lines.push(B(p), ['', 'empty']);
    lines.push(['قد يهمك أيضًا :', 'related'], ...picks(OTHER_HEADLINES, 2).map((h): [string, Cls] => [h, 'related']), ['أرسل تعليقك', 'comment_prompt'], ['تعليقك كزائر', 'comment_prompt']);
    return { title: s.title, lines };
  },
  regional(s) {
    const b = body(s, 5);
    const lines: [string, Cls][] = [[`${s.place} - ${pick(AUTHORS)}`, 'byline']];
    b.forEach((p, i) => {
      lines.push([i === 0 ? p : `/>${p}`, 'body'], ['/>', 'markup']);
      if (i === 2) lines.push([`/>- ${s.subs[0]}`, 'subheading'], ['/>', 'markup']);
    });
    return { title: s.title, lines };
  },
  sports(s) {
    const b = body(s, 5);
    return {
      title: s.title,
      lines: [
        [s.title, 'title'],
        [`بقلم: ${pick(AUTHORS)}`, 'byline'],
        ...b.slice(0, 3).map(B),
        [s.subs[0]!, 'subheading'],
        ...b.slice(3).map(B),
        ['حمّل تطبيق الملاعب على هاتفك الآن وتابع النتائج لحظة بلحظة', 'cta'],
        ['الوسوم: الدوري، كرة القدم، النتائج', 'other'],
      ],
    };
  },
  translated(s) {
    const b = body(s, 5);
    return {
      title: s.title,
      lines: [
        [`ترجمة: ${pick(AUTHORS)}`, 'byline'],
        ...b.slice(0, 2).map(B),
        [s.subs[0]!, 'subheading'],
        ...b.slice(2).map(B),
        [`المصدر: صحيفة ${pick(['الغارديان البريطانية', 'لوموند الفرنسية', 'نيويورك تايمز الأمريكية'])}`, 'credit'],
      ],
    };
  },
  column(s) {
    const b = body(s, 5);
    return {
      title: s.title,
      lines: [
        ...b.map(B),
        [`*${pick(['كاتب وباحث اقتصادي', 'أستاذ جامعي ومحلل سياسي', 'كاتبة صحافية'])}`, 'byline'],
        ['** جميع المقالات المنشورة تمثل رأي كتابها فقط.', 'credit'],
        ['مقالات أخرى للكاتب', 'related'],
        ...picks(OTHER_HEADLINES, 2).map((h): [string, Cls] => [h, 'related']),
      ],
    };
  },
  portal(s) {
    const b = body(s, 5);
    const pre = `${s.place}، ${pick(['المملكة', 'الإمارات العربية المتحدة', 'مصر'])} (المرصد)--`;
    return {
      title: s.title,
      prefix: { text: pre, kind: 'dateline' },
      lines: [
        [`${pre} ${b[0]}`, 'body'],
        ...b.slice(1, 3).map(B),
        [`اقرأ.. ${pick(OTHER_HEADLINES)}`, 'related'],
        ...b.slice(3).map(B),
        ...picks(TEASERS, 2).map((t): [string, Cls] => [t, 'related']),
      ],
    };
  },
  photo(s) {
    const b = body(s, 5);
    return {
      title: s.title,
      lines: [
        ['منذ ساعتين', 'other'],
        [s.title, 'title'],
        B(b[0]!),
        ['(صورة أرشيفية)', 'caption'],
        ...b.slice(1, 3).map(B),
        [`تصوير: ${pick(AUTHORS)}`, 'caption'],
        ...b.slice(3).map(B),
        [`${1 + Math.floor(rnd() * 9)},${100 + Math.floor(rnd() * 899)} مشاهدة`, 'other'],
        ['شارك الخبر', 'cta'],
      ],
    };
  },
  bbcLike(s) {
    const b = body(s, 6);
    return {
      title: s.title,
      lines: [
        ...b.slice(0, 2).map(B),
        [pick(OTHER_HEADLINES), 'related'],
        ...b.slice(2, 4).map(B),
        [s.subs[0]!, 'subheading'],
        ...b.slice(4).map(B),
        ['---------------------------------------', 'other'],
        ['يمكنكم الآن تحميل تطبيق الموقع على هواتفكم لتسلم إشعارات بأهم الأخبار.', 'cta'],
      ],
    };
  },
};

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function jsonLd(s: Story, author: string, broken: boolean): string {
  const j = `{"@context":"https://schema.org","@type":"NewsArticle","headline":"${s.title}","author":{"@type":"Person","name":"${author}"},"publisher":{"@type":"Organization","name":"صحيفة الأفق"},"datePublished":"2023-09-14T10:20:00+03:00","dateModified":"2023-09-14T12:05:00+03:00","inLanguage":"ar","mainEntityOfPage":"https://example.org/news/${encodeURIComponent(s.place)}"${broken ? ',' : ''}}`;
  return `<script type="application/ld+json">${j}</script>`;
}

const H: Record<string, (s: Story) => Sample> = {
  htmlNews(s) {
    const b = body(s, 5);
    const a = pick(AUTHORS);
    const rel = picks(OTHER_HEADLINES, 4);
    const html = `<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${s.title} | صحيفة الأفق</title>
<meta property="og:title" content="${s.title}"><meta property="og:site_name" content="صحيفة الأفق"><link rel="canonical" href="https://example.org/news/${encodeURIComponent(s.place)}">
${jsonLd(s, a, false)}</head><body>
<header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/local">محليات</a></li><li><a href="/sport">رياضة</a></li><li><a href="/eco">اقتصاد</a></li></ul></nav></header>
<div class="ad">إعلان</div>
<main><article><h1>${s.title}</h1><div class="byline">${a}</div><time>الخميس 14 سبتمبر 2023</time>
${b.slice(0, 3).map((p) => `<p>${esc(p)}</p>`).join('\n')}
<h2>${s.subs[0]}</h2>
${b.slice(3).map((p) => `<p>${esc(p)}</p>`).join('\n')}
<div class="share">شارك: <a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a></div>
</article>
<aside class="related"><h3>أخبار ذات صلة</h3><ul>${rel.map((h) => `<li><a href="/n/${encodeURIComponent(h.slice(0, 5))}">${h}</a></li>`).join('')}</ul></aside>
<section class="comments"><h3>التعليقات</h3><form><label>الاسم</label><input><label>أضف تعليقك</label><textarea></textarea><button>إرسال</button></form></section></main>
<footer><p>جميع الحقوق محفوظة © صحيفة الأفق 2023</p><a href="/about">من نحن</a></footer></body></html>`;
    return { title: s.title, lines: [], html, body: b };
  },
  htmlMalformed(s) {
    const b = body(s, 5);
    const a = pick(AUTHORS);
    const html = `<html dir=rtl><head><meta property="og:title" content="${s.title}"><meta name="author" content="${a}"><meta property="article:published_time" content="2023-09-14T08:00:00Z">
${jsonLd(s, a, true)}
<body><div id=menu><a href=/>الرئيسية</a> | <a href=/world>عربي ودولي</a> | <a href=/video>فيديو</a></div>
<div class="content"><div class="post"><h1>${s.title}
<div class="text">
<p>${esc(b[0]!)}
<p>${esc(b[1]!)}
<p><strong>اقرأ أيضاً:</strong> <a href="/x">${pick(OTHER_HEADLINES)}</a>
${b.slice(2).map((p) => `<p>${esc(p)}`).join('\n')}
<p>تابعونا على فيسبوك وتويتر لمتابعة آخر الأخبار
</div></div>
<div class="sidebar"><div class="widget"><h4>الأكثر قراءة</h4><a href=/1>${pick(OTHER_HEADLINES)}</a><br><a href=/2>${pick(OTHER_HEADLINES)}</a></div></div>
</body>`;
    return { title: s.title, lines: [], html, body: b };
  },
  htmlGulf(s) {
    const b = body(s, 5);
    const a = pick(AUTHORS);
    const html = `<!doctype html><html lang="ar"><head><meta charset="utf-8"><meta property="og:title" content="${s.title}"><meta property="og:site_name" content="جريدة الساحل">
<script>var ads = {slot: "top"};</script>${jsonLd(s, a, false)}</head><body>
<div class="top-bar">${pick(HIJRI)}</div><nav class="menu"><a href="/">الرئيسية</a><a href="/gulf">الخليج</a><a href="/eco">اقتصاد</a></nav>
<article class="story"><h1 class="headline">${s.title}</h1><p class="author">${s.place} - ${a}</p>
<figure><img src="/img/1.jpg" alt=""><figcaption>${s.place}: لقطة من موقع الحدث (تصوير: ${pick(AUTHORS)})</figcaption></figure>
${b.slice(0, 2).map((p) => `<p>${esc(p)}</p>`).join('\n')}
<h3>${s.subs[1] ?? s.subs[0]}</h3>
${b.slice(2).map((p) => `<p>${esc(p)}</p>`).join('\n')}
<div class="tags">الوسوم: <a>أخبار محلية</a> <a>${s.place}</a></div></article>
<div class="most-read"><h2>الأكثر قراءة</h2><ol>${picks(OTHER_HEADLINES, 5).map((h) => `<li><a href="#">${h}</a></li>`).join('')}</ol></div>
<div class="newsletter">اشترك في النشرة البريدية</div></body></html>`;
    return { title: s.title, lines: [], html, body: b };
  },
};

const DEV = new Set(['wire', 'tv', 'regional', 'translated', 'portal', 'bbcLike', 'htmlNews']);
const all = { ...T, ...H };
const articles: string[] = [];
const labels: string[] = [];
let k = 0;
for (const [name, make] of Object.entries(all)) {
  for (let i = 0; i < 5; i++) {
    const story = STORIES[(i * 3 + k) % STORIES.length]!;
    const smp = make(story);
    const id = `gold-${name}-${i + 1}`;
    const split = DEV.has(name) ? 'dev' : 'test';
    const source = `site-${name}`;
    if (smp.html) {
      articles.push(JSON.stringify({ id, source, template: name, split, title: null, html: smp.html }));
      labels.push(JSON.stringify({ id, lines: [], inline_prefix: null, body_paragraphs: smp.body }));
    } else {
      const text = smp.lines.map((l) => l[0]).join('\n');
      const n = smp.lines.findIndex((l) => l[0].startsWith(smp.prefix?.text ?? '\u0000'));
      articles.push(JSON.stringify({ id, source, template: name, split, title: i % 2 === 0 ? smp.title : null, text }));
      labels.push(
        JSON.stringify({
          id,
          lines: smp.lines.map((l, j) => ({ n: j, class: l[0].trim() ? l[1] : 'empty' })),
          inline_prefix: smp.prefix && n >= 0 ? { n, text: smp.prefix.text, kind: smp.prefix.kind } : null,
        }),
      );
    }
  }
  k++;
}
const here = dirname(fileURLToPath(import.meta.url));
writeFileSync(join(here, 'articles.jsonl'), articles.join('\n') + '\n');
writeFileSync(join(here, 'labels.jsonl'), labels.join('\n') + '\n');
console.log(`wrote ${articles.length} articles (${Object.keys(all).length} templates) to ${here}`);
