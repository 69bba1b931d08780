/**
 * Slot typing, temporal scope, denials and near-miss rules of the compare stage, each on small
 * Arabic stories written for these tests (fictional events and people).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findConflicts, readNumbers, readDates, readPlaces, sameSlot, valuesAgree, denialOf, rootOf, storySentences, type DetailedConflict } from '../../src/compare/index.ts';
import { tokenize } from '../../src/text/index.ts';
import { article } from './story.ts';

const nums = (s: string) => readNumbers(tokenize(s));
const values = (c: DetailedConflict): string[] => c.sides.map((s) => s.value);

// ------------------------------------------------------------------ number slots: what is counted

test('counted nouns: dead, injured, cases, spectators, families are separate slots; forms of one are one', () => {
  assert.equal(nums('أسفر الحادث عن 14 قتيلاً')[0]!.unit, 'dead');
  assert.equal(nums('ارتفع عدد القتلى إلى 17 قتلى')[0]!.unit, 'dead');
  assert.equal(nums('سجلت الوزارة 3 حالات وفاة جديدة')[0]!.unit, 'dead');
  assert.equal(nums('لقي 12 شخصاً حتفهم في الانهيار')[0]!.unit, 'dead');
  assert.equal(nums('وأصيب 40 شخصاً بجروح')[0]!.unit, 'injured');
  assert.equal(nums('ونقل 40 جريحاً إلى المستشفى')[0]!.unit, 'injured');
  assert.equal(nums('وسجلت 65 إصابة مؤكدة')[0]!.unit, 'cases');
  assert.equal(nums('تابع المباراة 22 ألف متفرج')[0]!.unit, 'spectators');
  const [dead] = nums('أسفر الحادث عن 14 قتيلاً'), [hurt] = nums('ونقل 40 جريحاً إلى المستشفى');
  assert.ok(!sameSlot(dead!, hurt!));
  assert.ok(sameSlot(nums('أسفر الحادث عن 14 قتيلاً')[0]!, nums('ارتفع عدد القتلى إلى 17 قتلى')[0]!));
});

test('units: basis points, percentage points and percent are different slots', () => {
  assert.equal(nums('رفع البنك الفائدة 150 نقطة أساس')[0]!.unit, 'bp');
  assert.equal(nums('تراجعت البطالة 1.2 نقطة مئوية')[0]!.unit, 'pp');
  assert.equal(nums('بلغ العجز 6.4 بالمئة من الناتج')[0]!.unit, '%');
  assert.equal(nums('بلغ العجز 6.4 في المئة من الناتج')[0]!.unit, '%');
  assert.ok(!sameSlot(nums('رفع البنك الفائدة 150 نقطة أساس')[0]!, nums('رفع البنك الفائدة 1.5 بالمئة')[0]!));
});

test('roles: a rise is not a level, a range start is not its end, a compared figure is not the current one', () => {
  const [rise] = nums('قرر البنك زيادة سعر الفائدة 3 في المئة دفعة واحدة');
  const [level] = nums('ليصل سعر الإقراض إلى 27.5 في المئة');
  assert.equal(rise!.role, 'delta');
  assert.equal(level!.role, 'level');
  assert.ok(!sameSlot(rise!, level!));
  assert.equal(nums('رفع البنك الفائدة بواقع 250 نقطة أساس')[0]!.role, 'delta');
  const range = nums('رفعت الملاحق كلفة الجسر من 180 مليون دولار إلى 205 ملايين دولار');
  assert.deepEqual(range.map((n) => [n.value, n.role]), [[180e6, 'prior'], [205e6, 'to']]);
  const [plain] = nums('المتهم بتبديد 19.5 مليون دولار');
  assert.ok(!sameSlot(range[1]!, plain!));
  const cmp = nums('ارتفع التضخم إلى 9.1 بالمئة في أبريل مقابل 8.4 بالمئة في مارس');
  assert.deepEqual(cmp.map((n) => [n.role, n.period]), [['level', 4], ['prior', 3]]);
  // "أكثر من" is a bound, not a compared figure
  assert.equal(nums('حضر أكثر من 20 ألف متفرج')[0]!.role, 'plain');
});

test('story: a rate rise (3%) and a rate level (27.5%) are not a conflict; two rise sizes the same day are', () => {
  const story = [
    article('b1', 'وكالة الساحل', '2025-05-08T10:00:00+01:00', null, [
      'رفع البنك المركزي التونسي اليوم الخميس سعر الفائدة الرئيسي بواقع 300 نقطة أساس في اجتماع طارئ لمجلس إدارته.',
      'وقرر البنك رفع سعر الإقراض لليلة واحدة إلى 27.5 في المئة وسعر الإيداع إلى 26.5 في المئة.',
    ]),
    article('b2', 'صحيفة المنار', '2025-05-08T14:00:00+01:00', null, [
      'قرر البنك المركزي التونسي اليوم الخميس، في اجتماع طارئ، زيادة سعر الفائدة 3 في المئة دفعة واحدة، ليصل سعر الإقراض لليلة واحدة إلى 27.5 في المئة.',
      'ورفع البنك المركزي التونسي سعر الفائدة الرئيسي بواقع 200 نقطة أساس في اجتماع طارئ لمجلس إدارته اليوم الخميس.',
    ]),
  ];
  const cs = findConflicts(story);
  assert.ok(!cs.some((c) => c.type === 'number' && values(c).some((v) => /27\.5|26\.5/.test(v))), JSON.stringify(cs.map(values)));
  const bp = cs.find((c) => c.type === 'number' && values(c).some((v) => /300/.test(v)));
  assert.ok(bp && values(bp).some((v) => /200/.test(v)), JSON.stringify(cs.map(values)));
});

// ------------------------------------------------------------------ temporal scope

test('temporal scope: a figure dated a year earlier is not compared; a named month fixes an updated figure', () => {
  const story = [
    article('c1', 'وكالة الساحل', '2025-05-08T10:00:00+01:00', null, [
      'رفع البنك المركزي سعر الفائدة 300 نقطة أساس اليوم الخميس في اجتماع استثنائي.',
      'وأعلن المعهد الوطني للإحصاء أن التضخم السنوي ارتفع إلى 9.1 بالمئة في أبريل الماضي.',
    ]),
    article('c2', 'صحيفة المنار', '2025-05-09T09:00:00+01:00', null, [
      'ويأتي القرار بعد خطوة مماثلة في 8 مايو 2024 حين رفع البنك المركزي سعر الفائدة 500 نقطة أساس في اجتماع استثنائي.',
      'وقال وزير الاقتصاد إن التضخم السنوي في أبريل بلغ 8.7 في المئة، وهو مستوى يمكن احتواؤه.',
    ]),
  ];
  const cs = findConflicts(story);
  assert.ok(!cs.some((c) => values(c).some((v) => /500/.test(v))), 'a 2024 figure compared with a 2025 one');
  const infl = cs.find((c) => c.type === 'number' && values(c).some((v) => /9\.1/.test(v)));
  assert.ok(infl && values(infl).some((v) => /8\.7/.test(v)), JSON.stringify(cs.map(values)));
});

test('temporal scope: a death toll that rises between days is not a conflict; two officials the same day are', () => {
  const story = [
    article('d1', 'وكالة الساحل', '2025-06-02T09:00:00+01:00', null, ['ارتفعت حصيلة ضحايا الفيضانات في ولاية نابل إلى 11 قتيلاً، وفق الحماية المدنية.']),
    article('d2', 'صحيفة المنار', '2025-06-04T09:00:00+01:00', null, ['ارتفعت حصيلة ضحايا الفيضانات في ولاية نابل إلى 16 قتيلاً، وفق الحماية المدنية.']),
    article('d3', 'إذاعة الشمال', '2025-06-04T12:00:00+01:00', null, ['وقال والي نابل إن حصيلة ضحايا الفيضانات في الولاية بلغت اليوم الأربعاء 16 قتيلاً.']),
    article('d4', 'موقع الخبر', '2025-06-04T13:00:00+01:00', null, ['وقال مصدر في وزارة الصحة إن حصيلة ضحايا الفيضانات في الولاية بلغت اليوم الأربعاء 21 قتيلاً.']),
  ];
  const cs = findConflicts(story).filter((c) => c.type === 'number');
  assert.ok(!cs.some((c) => values(c).some((v) => /^11/.test(v))), 'the earlier toll was reported as a conflict');
  assert.ok(cs.some((c) => values(c).some((v) => /^16/.test(v)) && values(c).some((v) => /^21/.test(v))), JSON.stringify(cs.map(values)));
});

// ------------------------------------------------------------------ near-miss rules for numbers

test('near-misses: rounded and bounded values agree with exact ones', () => {
  const [about] = nums('تقدر الخسائر بنحو 40 مليون دينار'), [exact] = nums('بلغت الخسائر 38.6 مليون دينار');
  assert.ok(valuesAgree(about!, exact!));
  const [near] = nums('قرابة 500 أسرة'), [exact2] = nums('أجلت 488 أسرة');
  assert.ok(valuesAgree(near!, exact2!));
  const [more] = nums('أكثر من 30 ألف متفرج'), [exact3] = nums('حضر 31200 متفرج');
  assert.ok(valuesAgree(more!, exact3!));
  const [a] = nums('أجلت 340 أسرة'), [b] = nums('أجلت 520 أسرة');
  assert.ok(!valuesAgree(a!, b!));
});

// ------------------------------------------------------------------ place slots

test('places: the arrival place, wherever the verb is in the clause; the city of "one of the hotels of X"', () => {
  const arrival = readPlaces(tokenize('وصل وزير الخارجية الليبي ظهر اليوم الأحد إلى مدينة صفاقس في زيارة تستغرق يومين'));
  assert.equal(arrival[0]!.name, 'صفاقس');
  assert.equal(arrival[0]!.level, 2);
  assert.ok(arrival[0]!.arrival);
  const hotel = readPlaces(tokenize('وعقد الاجتماع في قاعة الندوات بأحد فنادق سوسة المطلة على البحر'));
  const city = hotel.find((p) => p.level === 2);
  assert.equal(city?.name, 'سوسة');
});

test('story: a summit held at the arrival city vs in the capital is a place conflict; a region and a city in it are not', () => {
  const story = [
    article('p1', 'وكالة الساحل', '2025-04-14T10:00:00+01:00', null, [
      'وصل رئيس الحكومة الليبية صباح اليوم الاثنين إلى مدينة سوسة الساحلية، وعقد بعد وصوله بساعتين قمة مع نظيره التونسي.',
      'وعقد الجانبان مؤتمراً صحفياً مشتركاً في إقليم الساحل في ختام القمة.',
    ]),
    article('p2', 'صحيفة المنار', '2025-04-14T16:00:00+01:00', null, [
      'عقد رئيس الحكومة الليبية ونظيره التونسي، الاثنين، قمة في العاصمة تونس، تناولت ملفات الطاقة والحدود والتبادل التجاري منذ توليه منصبه في طرابلس.',
      'وعقد الجانبان مؤتمراً صحفياً مشتركاً في مدينة سوسة في ختام القمة.',
    ]),
  ];
  const cs = findConflicts(story).filter((c) => c.type === 'place');
  assert.equal(cs.length, 1, JSON.stringify(cs.map(values)));
  assert.deepEqual(new Set(values(cs[0]!)), new Set(['سوسة', 'تونس']));
});

// ------------------------------------------------------------------ date slots

test('dates: "بأحد" (one of) is not Sunday; a weekday name is definite', () => {
  const pub = Date.UTC(2025, 3, 16);
  assert.equal(readDates(tokenize('أقيم الحفل بأحد فنادق المدينة'), pub).length, 0);
  assert.equal(readDates(tokenize('أقيم الحفل يوم الأحد'), pub)[0]!.weekday, 0);
});

test('story: a postponed hearing (scheduled event) set to two different days is a date conflict', () => {
  const story = [
    article('h1', 'صحيفة المنار', '2025-05-20T09:00:00+01:00', null, [
      'مثل رئيس بلدية بنزرت السابق أمام الدائرة الجنائية في تونس العاصمة بتهمة التلاعب بصفقات تهيئة الكورنيش.',
      'وطالب ممثل النيابة العمومية بتسليط أقصى العقوبات على المتهمين الثلاثة.',
      'وأرجأت هيئة المحكمة برئاسة القاضي منير الزواري الجلسة إلى 3 حزيران المقبل للنطق بالحكم، بعد الاستماع إلى مرافعة الدفاع.',
    ]),
    article('h2', 'وكالة الساحل', '2025-05-19T20:00:00+01:00', null, [
      'استمعت الدائرة الجنائية اليوم إلى مرافعات الدفاع في قضية صفقات الكورنيش المتهم فيها رئيس بلدية بنزرت السابق.',
      'وقال محامي الدفاع إن موكله لم يوقع أي عقد خارج الإجراءات القانونية.',
      'وقررت المحكمة تأجيل الجلسة إلى الثلاثاء 10 يونيو لإصدار الحكم، بعد انتهاء المرافعات.',
    ]),
  ];
  const cs = findConflicts(story).filter((c) => c.type === 'date');
  assert.equal(cs.length, 1, JSON.stringify(findConflicts(story).map(values)));
});

test('near-misses: a weekday and the date it falls on agree; dates aligned crosswise are two slots', () => {
  const story = [
    article('w1', 'صحيفة المنار', '2025-05-19T09:00:00+01:00', null, ['ومن المقرر أن يعقد الوزيران غداً الثلاثاء مؤتمراً صحفياً في تونس، على أن يغادر الوزير الليبي يوم الأربعاء متوجهاً إلى الجزائر.']),
    article('w2', 'وكالة الساحل', '2025-05-20T09:00:00+01:00', null, ['ويغادر الوزير الليبي تونس غداً الأربعاء متوجهاً إلى الجزائر في المحطة الثانية من جولته.']),
    article('w3', 'موقع الخبر', '2025-05-22T09:00:00+01:00', null, ['وغادر الوزير الليبي تونس الأربعاء 21 مايو متوجهاً إلى الجزائر في المحطة الثانية من جولته.']),
  ];
  assert.deepEqual(findConflicts(story).filter((c) => c.type === 'date'), []);
});

// ------------------------------------------------------------------ claims

test('denials: postposed judgements and pronoun denials deny what comes before them', () => {
  const one = (text: string) => storySentences([article('x', null, '2025-05-20', null, [text])])[0]!;
  const premature = denialOf(one('وقال مسؤول ليبي إن "ما نشر عن توقيع اتفاقية أمنية كان سابقاً لأوانه"، مضيفاً أن المسودة قيد الدرس.'));
  assert.ok(premature && premature.core.some((k) => rootOf(k) === rootOf('توقيع')) && premature.core.some((k) => /اتفاق/.test(k)), JSON.stringify(premature));
  assert.ok(!premature.core.some((k) => /درس|مسود/.test(k)), 'the clause after the judgement is not the proposition');
  const pronoun = denialOf(one('وكانت صحف محلية قد تحدثت عن إغلاق المعبر الحدودي، وهو ما نفته وزارة الداخلية في حينه.'));
  assert.ok(pronoun && pronoun.core.some((k) => /معبر/.test(k)), JSON.stringify(pronoun));
  assert.equal(rootOf('يوقع'), rootOf('توقيع'));
  assert.equal(rootOf('يوقع'), rootOf('وقع'));
});

test('story: a denial in other words than the report is a claim conflict; a shared negation and a "whether" are not', () => {
  const story = [
    article('k1', 'وكالة الساحل', '2025-05-21T10:00:00+01:00', null, [
      'وأفادت وكالة الأنباء الليبية بأن البلدين وقعا في ختام المحادثات اتفاقية للتعاون في مجالي الأمن والطاقة، من دون نشر بنودها.',
      'واستمعت اللجنة إلى مدير الميناء الذي أفاد بتعرضه لضغوط لتوقيع محاضر تسلم لأشغال لم تنجز.',
    ]),
    article('k2', 'صحيفة المنار', '2025-05-22T09:00:00+01:00', null, [
      'وقال الناطق باسم الحكومة التونسية إنه «لم يوقع أي اتفاق أمني أو في مجال الطاقة خلال الزيارة، وما جرى تبادل مسودات».',
      'وأكد مدير الميناء أمام اللجنة أن الإدارة طلبت منه توقيع محاضر تسلم لأشغال لم تنجز، مشيراً إلى أنه رفض ذلك.',
    ]),
    article('k3', 'موقع الخبر', '2025-05-22T12:00:00+01:00', null, [
      'وغادر الوزير الليبي تونس في ختام زيارة طغى على نهايتها جدل حول ما إذا كان البلدان قد وقعا اتفاقاً أمنياً.',
    ]),
  ];
  const cs = findConflicts(story).filter((c) => c.type === 'claim');
  assert.equal(cs.length, 1, JSON.stringify(cs.map((c) => c.sides.map((s) => s.sentences.map((x) => x.text)))));
  const deny = cs[0]!.sides.find((s) => s.value === 'ينفي')!, affirm = cs[0]!.sides.find((s) => s.value === 'يؤكد')!;
  assert.deepEqual(deny.articleIds, ['k2']);
  assert.deepEqual(affirm.articleIds, ['k1']);
});

// ------------------------------------------------------------------ source attribution

test('story: two sources\' figures in one sentence are a conflict; other outlets join the side they repeat', () => {
  const story = [
    article('s1', 'وكالة الساحل', '2025-06-10T10:00:00+01:00', null, [
      'وأعلنت وزارة الداخلية أن حصيلة ضحايا انهيار العمارة في حي التضامن بلغت 23 قتيلاً، بينما قالت جمعية الهلال الأحمر إن العدد وصل إلى 31 قتيلاً.',
      'وبلغ عدد القتلى 23 قتيلاً في حين بلغ عدد الجرحى 40 جريحاً، بحسب الحماية المدنية.',
    ]),
    article('s2', 'صحيفة المنار', '2025-06-10T15:00:00+01:00', null, [
      'وقالت جمعية الهلال الأحمر إن حصيلة ضحايا انهيار العمارة في حي التضامن وصلت إلى 31 قتيلاً.',
      'وارتفع معدل البطالة إلى 16.2 بالمئة في الربع الأول مقابل 15.8 بالمئة في الربع الأخير من العام الماضي، بحسب المعهد.',
    ]),
  ];
  const cs = findConflicts(story).filter((c) => c.type === 'number');
  assert.equal(cs.length, 1, JSON.stringify(cs.map(values)));
  const side31 = cs[0]!.sides.find((s) => /31/.test(s.value))!;
  const side23 = cs[0]!.sides.find((s) => /23/.test(s.value))!;
  assert.deepEqual(new Set(side31.articleIds), new Set(['s1', 's2']));
  assert.deepEqual(side23.articleIds, ['s1']);
});

test('story: opposite verdicts without a denial word (valid goal vs offside) are a claim conflict; unrelated ones are not', () => {
  const story = [
    article('o1', 'وكالة الساحل', '2025-05-25T22:00:00+01:00', null, [
      'وأكد رئيس لجنة الحكام أن هدف الفوز الذي سجله مهاجم الترجي في الدقيقة 88 صحيح ولا غبار عليه.',
      'ورفض مدرب الصفاقسي التعليق على قرارات الحكم بعد المباراة.',
    ]),
    article('o2', 'صحيفة المنار', '2025-05-26T09:00:00+01:00', null, [
      'وأظهرت الإعادة التلفزيونية أن هدف الفوز الذي سجله مهاجم الترجي في الدقيقة 88 جاء من تسلل واضح.',
      'ووافق مدرب الصفاقسي على تمديد عقده مع النادي لموسمين إضافيين.',
    ]),
  ];
  const cs = findConflicts(story).filter((c) => c.type === 'claim');
  assert.equal(cs.length, 1, JSON.stringify(cs.map(values)));
  assert.deepEqual(new Set(values(cs[0]!)), new Set(['صحيح', 'تسلل']));
});
