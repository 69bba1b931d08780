/** HTML pages written by us imitating Arabic news sites: RTL, nav, ads, related widgets, comments, JSON-LD. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanArticle, extractHtml } from '../../src/clean/index.ts';
import { extractedPage, modelText } from '../../src/clean/stage.ts';

const P1 = 'أعلنت هيئة الطرق، صباح الأحد، افتتاح الجسر المعلق الجديد فوق خور المدينة أمام حركة السير، بعد أربع سنوات من أعمال البناء.';
const P2 = 'وقال مدير المشروع إن الجسر يختصر زمن الرحلة بين ضفتي الخور من أربعين دقيقة إلى عشر دقائق في أوقات الذروة.';
const P3 = 'ويبلغ طول الجسر 1.2 كيلومتر، ويضم ستة مسارات للسيارات وممرا منفصلا للمشاة والدراجات الهوائية.';
const P4 = 'وتتوقع الهيئة أن يستخدم الجسر أكثر من ستين ألف مركبة يوميا خلال عامه الأول.';

function page(opts: { ld: string; extra?: string }): string {
  return `<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>افتتاح الجسر المعلق | موقع المدينة</title>
<meta property="og:title" content="افتتاح الجسر المعلق الجديد أمام حركة السير">
<meta property="og:site_name" content="موقع المدينة">
<meta property="article:published_time" content="2024-03-10T07:45:00+04:00">
<link rel="canonical" href="https://example.org/local/bridge">
<script type="application/ld+json">${opts.ld}</script></head>
<body><header><nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/local">محليات</a></li><li><a href="/world">العالم</a></li></ul></nav></header>
<div class="ad-slot">إعلان</div>
<main><article><h1>افتتاح الجسر المعلق الجديد أمام حركة السير</h1>
<p>${P1}</p><p>${P2}</p>
<p><strong>اقرأ أيضاً:</strong> <a href="/x">ارتفاع أسعار الوقود مطلع الشهر المقبل</a></p>
<h2>أرقام المشروع</h2>
<p>${P3}</p><p>${P4}</p>${opts.extra ?? ''}
<div class="share">شارك: <a>فيسبوك</a> <a>واتساب</a></div></article>
<aside class="related"><h3>أخبار ذات صلة</h3><ul><li><a href="/1">إغلاق مؤقت لنفق المطار للصيانة</a></li><li><a href="/2">بدء تشغيل حافلات كهربائية في وسط المدينة</a></li></ul></aside>
<section class="comments"><h3>التعليقات</h3><p>أضف تعليقك</p></section></main>
<footer>جميع الحقوق محفوظة © موقع المدينة</footer></body></html>`;
}

const LD = '{"@context":"https://schema.org","@type":"NewsArticle","headline":"افتتاح الجسر المعلق الجديد أمام حركة السير","author":[{"@type":"Person","name":"سعيد الكعبي"}],"publisher":{"@type":"Organization","name":"موقع المدينة"},"datePublished":"2024-03-10T07:45:00+04:00","dateModified":"2024-03-10T09:00:00+04:00","inLanguage":"ar"}';

test('html: body paragraphs kept, nav/related/comments/read-also dropped, offsets index the extracted text', () => {
  const r = cleanArticle({ raw: page({ ld: LD }), rawKind: 'html', source: 'موقع المدينة' });
  assert.equal(r.textIsRaw, false);
  const texts = r.paragraphs.map((p) => p.text);
  assert.deepEqual(texts, [P1, P2, P3, P4]);
  for (const p of r.paragraphs) assert.equal(r.text.slice(p.start, p.end), p.text);
  for (const s of r.removed) assert.equal(r.text.slice(s.start, s.end), s.text);
  const body = texts.join('\n');
  for (const junk of ['الرئيسية', 'أخبار ذات صلة', 'أضف تعليقك', 'إعلان', 'ارتفاع أسعار الوقود']) assert.ok(!body.includes(junk), junk);
  assert.ok(r.removed.some((s) => s.class === 'related' && s.text.includes('ارتفاع أسعار الوقود')));
  assert.ok(r.removed.some((s) => s.class === 'subheading' && s.text === 'أرقام المشروع'));
});

test('html: metadata from JSON-LD first, then OpenGraph/meta/link', () => {
  const r = cleanArticle({ raw: page({ ld: LD }), rawKind: 'html', source: null });
  assert.equal(r.meta.title, 'افتتاح الجسر المعلق الجديد أمام حركة السير');
  assert.equal(r.meta.author, 'سعيد الكعبي');
  assert.equal(r.meta.publisher, 'موقع المدينة');
  assert.equal(r.meta.publishedAt, '2024-03-10T07:45:00+04:00');
  assert.equal(r.meta.modifiedAt, '2024-03-10T09:00:00+04:00');
  assert.equal(r.meta.url, 'https://example.org/local/bridge');
  assert.equal(r.meta.lang, 'ar');
  assert.equal(r.title, 'افتتاح الجسر المعلق الجديد أمام حركة السير');
  assert.equal(r.byline?.author, 'سعيد الكعبي');
});

test('html: malformed JSON-LD (trailing comma, raw newline) is repaired; garbage falls back to meta tags', () => {
  const broken = LD.replace('"inLanguage":"ar"}', '"inLanguage":"ar",\n}');
  const r = cleanArticle({ raw: page({ ld: broken }), rawKind: 'html', source: null });
  assert.equal(r.meta.author, 'سعيد الكعبي');
  const garbage = cleanArticle({ raw: page({ ld: '{"@type": "NewsArticle", "headline": ' }), rawKind: 'html', source: null });
  assert.equal(garbage.meta.title, 'افتتاح الجسر المعلق الجديد أمام حركة السير'); // og:title
  assert.equal(garbage.meta.publishedAt, '2024-03-10T07:45:00+04:00'); // article:published_time
  assert.equal(garbage.paragraphs.length, 4);
});

test('html: unclosed tags and a caption inside the article', () => {
  const html = `<html dir=rtl><body><div id=menu><a href=/>الرئيسية</a> | <a href=/sport>رياضة</a></div>
<div class=post><h1>افتتاح الجسر<div class=text><p>${P1}<p>${P2}<figure><img src=a.jpg><figcaption>الجسر الجديد من الجو (تصوير: ماجد النعيمي)</figcaption></figure><p>${P3}<p>${P4}</div></div>`;
  const r = cleanArticle({ raw: html, rawKind: 'html', source: null });
  assert.deepEqual(r.paragraphs.map((p) => p.text), [P1, P2, P3, P4]);
  assert.ok(r.removed.some((s) => s.class === 'caption' && s.text.includes('تصوير')));
});

test('html: scripts, styles and comments never reach the text; JSON-LD is still read; a passed page is reused as is', () => {
  const noisy = page({
    ld: LD,
    extra: '<script>var teaser = "<p>نص داخل سكربت لا يظهر</p>";</script><style>p{margin:0}</style><!-- <p>تعليق في الشيفرة</p> -->',
  });
  const r = cleanArticle({ raw: noisy, rawKind: 'html', source: null });
  assert.ok(!r.text.includes('سكربت') && !r.text.includes('تعليق في الشيفرة') && !r.text.includes('margin'));
  assert.equal(r.meta.author, 'سعيد الكعبي');
  const pageOnce = extractHtml(noisy);
  assert.deepEqual(cleanArticle({ raw: noisy, rawKind: 'html', source: null, page: pageOnce }), r);
  // the stage hands the same extracted page to the model and to the cleaner (parsed once per article object)
  const art = { raw: noisy, rawKind: 'html' as const };
  assert.equal(extractedPage(art), extractedPage(art));
  assert.equal(modelText(art), r.text);
});
