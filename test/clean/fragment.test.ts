// Feed items and JSONL `html` fields are HTML fragments, not pages: their paragraphs must come out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanArticle } from '../../src/clean/index.ts';

const fragment = `<p>أعلنت وزارة الزراعة، اليوم الثلاثاء، بدء موسم حصاد القمح في سهل البقاع وسط توقعات بإنتاج يفوق العام الماضي.</p>
<p>وقال وزير الزراعة في مؤتمر صحافي إن «الأمطار الغزيرة في الشتاء رفعت تقديرات المحصول إلى نحو 120 ألف طن».</p>
<p><strong>اقرأ أيضاً:</strong> <a href="https://example.org/x">ارتفاع أسعار الأسمدة يثقل كاهل المزارعين</a></p>`;

test('an HTML fragment without <body> yields its body paragraphs', () => {
  const r = cleanArticle({ raw: fragment, rawKind: 'html', source: 'شبكة تجريبية', title: 'بدء موسم حصاد القمح في البقاع' });
  assert.equal(r.textIsRaw, false);
  const body = r.paragraphs.map((p) => p.text).join('\n');
  assert.match(body, /بدء موسم حصاد القمح في سهل البقاع/);
  assert.match(body, /120 ألف طن/);
  for (const p of r.paragraphs) assert.equal(r.text.slice(p.start, p.end), p.text);
});
