/** Block-level cues: a CTA running over the next short lines, quoted verse kept as body, cut-off teasers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainLines } from '../../src/clean/index.ts';

const classes = (raw: string): (string | null)[] => explainLines({ raw, rawKind: 'text', source: null }).map((l) => l.class);

const B1 = 'أعلنت وزارة النقل، أمس، تشغيل خط الحافلات السريعة بين المطار ووسط المدينة بعد تأخير دام ستة أشهر.';
const B2 = 'وقال المتحدث باسم الوزارة إن الخط يخدم نحو عشرين ألف راكب يوميا، وإن الأجرة ستبقى ثابتة حتى نهاية العام.';
const B3 = 'وأضاف أن المرحلة الثانية من المشروع تشمل ربط الخط بمحطات القطار في الضواحي الشمالية للمدينة.';

test('blocks: the short lines right under a call to action belong to it (SMS codes, carriers)', () => {
  const raw = [B1, B2, B3, '', 'للتواصل مع الكاتب أرسل رسالة SMS', 'اكتب الرمز 240 متبوعا بمسافة ثم رسالتك وأرسلها إلى', '80455 - Zain', '61230 - Mobily'].join('\n');
  assert.deepEqual(classes(raw), ['body', 'body', 'body', null, 'cta', 'cta', 'cta', 'cta']);
});

test('blocks: a blank line closes the call to action; a related list after it is not part of it', () => {
  const raw = [B1, B2, B3, '', 'تابعوا آخر الأخبار عبر قناتنا على تيليجرام', '', 'ارتفاع أسعار الوقود مطلع الشهر المقبل', 'افتتاح معرض الكتاب الدولي بمشاركة ثلاثين دولة'].join('\n');
  const c = classes(raw);
  assert.equal(c[4], 'cta');
  assert.notEqual(c[6], 'cta');
  assert.notEqual(c[7], 'cta');
});

test('blocks: quoted verse lines ending in "?", ".." or ":" stay body inside a column', () => {
  const raw = [
    'في أمسية شعرية أقيمت على مسرح الجامعة، قرأ الشاعر الشاب قصيدة عن مدينته القديمة وأزقتها التي غيرتها السنوات.',
    'وكان مما قاله في مطلعها:',
    'يا دار أين الذين مروا',
    'وأين ضحكتهم في المساء؟',
    'تركوا على الجدران أسماءهم..',
    'ومضوا كما يمضي الشتاء',
    'وقد صفق الحضور طويلا بعد انتهاء القصيدة، وطالب كثيرون بأن تطبع في ديوان مستقل يصدر قبل نهاية العام.',
  ].join('\n');
  assert.deepEqual(classes(raw), ['body', 'body', 'body', 'body', 'body', 'body', 'body']);
});

test('blocks: long snippets cut off without punctuation at the end of a punctuated article are teasers', () => {
  const raw = [
    B1,
    B2,
    B3,
    'أعلنت هيئة الأرصاد الجوية أن موجة من الأمطار الغزيرة ستضرب المناطق الساحلية خلال اليومين المقبلين مع احتمال تشكل سيول في',
    'قالت وزارة الصحة إن حملة التطعيم الموسمية ضد الإنفلونزا ستبدأ الأسبوع المقبل في جميع المراكز الصحية وتستهدف كبار السن',
  ].join('\n');
  assert.deepEqual(classes(raw), ['body', 'body', 'body', 'related', 'related']);
});
