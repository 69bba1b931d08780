import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { articleId, canonicalText } from '../../src/ingest/identity.ts';

const body = 'أعلنت وزارة الصحة، اليوم الأحد، تسجيل 12 إصابة جديدة.\nوقال المتحدث إن "الوضع تحت السيطرة".';

describe('articleId', () => {
  it('is 16 hex digits and stable', () => {
    assert.match(articleId('الأفق', body, 'text'), /^[0-9a-f]{16}$/);
    assert.equal(articleId('الأفق', body, 'text'), articleId('الأفق', body, 'text'));
  });

  it('ignores BOM, CRLF, whitespace runs, tashkeel and tatweel, but not the source or the words', () => {
    const variant = `\uFEFF  ${body.replace(/\n/g, '\r\n').replace(/ /g, '  ').replace('وزارة', 'وزارةُ').replace('الصحة', 'الصـــحة')}\r\n\r\n`;
    assert.equal(articleId('الأفق', variant, 'text'), articleId('الأفق', body, 'text'));
    assert.notEqual(articleId('مدار', body, 'text'), articleId('الأفق', body, 'text'));
    assert.notEqual(articleId(null, body, 'text'), articleId('الأفق', body, 'text'));
    assert.notEqual(articleId('الأفق', body.replace('12', '13'), 'text'), articleId('الأفق', body, 'text'));
  });

  it('hashes the visible text of HTML, so markup and charset declarations do not matter', () => {
    const a = `<html><head><meta charset="utf-8"><title>x</title></head><body><p>${body.replace('\n', '</p><p>')}</p></body></html>`;
    const b = `<html><head><meta charset="windows-1256"><title>y</title></head><body><div class="c"><p>${body.replace('\n', '</p>\n<p data-x="1">')}</p></div></body></html>`;
    assert.equal(articleId('s', a, 'html'), articleId('s', b, 'html'));
  });

  it('canonical text is idempotent under whitespace/line-ending noise (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('في', 'الحكومة', 'قال', '2023', '،', 'السيول', '"'), { minLength: 1, maxLength: 30 }), fc.constantFrom(' ', '  ', '\t', '\r\n', '\n \n'), (words, sep) => {
        const a = words.join(' ');
        const b = words.join(sep);
        assert.equal(canonicalText(b, 'text'), canonicalText(a, 'text'));
        assert.equal(canonicalText(canonicalText(a, 'text'), 'text'), canonicalText(a, 'text'));
      }),
    );
  });
});
