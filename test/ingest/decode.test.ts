import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import fc from 'fast-check';
import { decodeBytes, DecodeError, canonicalCharset } from '../../src/ingest/decode.ts';
import { fixtures } from '../cli/helpers.ts';

const article = readFileSync(join(fixtures, 'corpus', 'ofuq', '2023-09-18-floods.txt'), 'utf8');

describe('decodeBytes', () => {
  it('reads UTF-8 with and without BOM to the same text', () => {
    const plain = decodeBytes(Buffer.from(article, 'utf8'));
    const bom = decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(article, 'utf8')]));
    assert.equal(plain.encoding, 'utf-8');
    assert.equal(bom.encoding, 'utf-8');
    assert.equal(plain.text, article);
    assert.equal(bom.text, article);
  });

  for (const [label, enc] of [
    ['UTF-16LE', 'utf-16le'],
    ['UTF-16BE', 'utf-16be'],
  ] as const) {
    it(`reads ${label} with a BOM and without one (heuristic)`, () => {
      const body = iconv.encode(article, enc, { addBOM: false });
      const withBom = iconv.encode(article, enc, { addBOM: true });
      assert.notEqual(withBom.length, body.length, 'the BOM copy really has a BOM');
      assert.deepEqual(decodeBytes(withBom), { text: article, encoding: enc });
      assert.deepEqual(decodeBytes(body), { text: article, encoding: enc });
    });
  }

  it('tells Windows-1256 from ISO-8859-6 on the same Arabic text', () => {
    // ISO-8859-6 has no letters outside the basic Arabic alphabet; keep to it (no «», no Latin)
    const text = article.replace(/[«»–]/g, '"');
    const cp = iconv.encode(text, 'windows-1256');
    const iso = iconv.encode(text, 'iso-8859-6');
    assert.notDeepEqual(cp, iso, 'the two encodings differ on these bytes');
    assert.deepEqual(decodeBytes(cp), { text, encoding: 'windows-1256' });
    assert.deepEqual(decodeBytes(iso), { text, encoding: 'iso-8859-6' });
  });

  it('tells them apart on short paragraphs of general vocabulary (property)', () => {
    const words = ['الحكومة', 'في', 'من', 'على', 'وزير', 'المدينة', 'قال', 'إن', 'السلطات', 'الأمطار', 'عن', 'مع', 'بعد', 'المياه', 'أعلنت', 'الأسر', 'منازل', 'مساء', 'اليوم', 'فرق', 'الإنقاذ', 'ثلاث', 'مدارس', 'التي'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { minLength: 12, maxLength: 60 }), (ws) => {
        const text = `${ws.join(' ')}.\n`;
        assert.equal(decodeBytes(iconv.encode(text, 'windows-1256')).encoding, 'windows-1256');
        assert.equal(decodeBytes(iconv.encode(text, 'iso-8859-6')).encoding, 'iso-8859-6');
      }),
      { numRuns: 200 },
    );
  });

  it('honours a declared legacy charset, but not a wrong UTF-8 declaration', () => {
    const cp = iconv.encode(article, 'windows-1256');
    assert.equal(decodeBytes(cp, { declared: 'windows-1256' }).text, article);
    assert.equal(decodeBytes(cp, { declared: 'utf-8' }).encoding, 'windows-1256');
    assert.equal(decodeBytes(Buffer.from(article), { declared: 'windows-1256' }).encoding, 'utf-8');
  });

  it('names binary, empty and undecodable input', () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex');
    assert.throws(() => decodeBytes(png), (e: unknown) => e instanceof DecodeError && /binary/.test(e.reason));
    assert.throws(() => decodeBytes(Buffer.alloc(0)), (e: unknown) => e instanceof DecodeError && /empty/.test(e.reason));
    // high bytes without structure: no encoding makes Arabic words of them
    let x = 7;
    const noise = Buffer.from(Array.from({ length: 3000 }, () => 0x80 + ((x = (x * 1103515245 + 12345) >>> 0) % 128)));
    assert.throws(() => decodeBytes(noise), (e: unknown) => e instanceof DecodeError && /undecodable/.test(e.reason));
  });

  it('canonicalises charset labels', () => {
    assert.equal(canonicalCharset('CP1256'), 'windows-1256');
    assert.equal(canonicalCharset('ISO_8859-6:1987'), 'iso-8859-6');
    assert.equal(canonicalCharset('"UTF8"'), 'utf-8');
  });
});
