/**
 * General Arabic vocabulary the compare stage relies on: function words, negation and denial
 * cues, approximation cues, number words, place-type nouns, months, weekdays, reporting verbs,
 * and a small gazetteer of countries and capitals (general knowledge, not picked from any story).
 * Lists are written as ordinary Arabic and keyed by `matchForm` at load time.
 */
import { matchForm } from '../text/index.ts';

const keys = (words: string): Set<string> => new Set(words.split(/\s+/).filter(Boolean).map((w) => matchForm(w)));

/** words that carry no content for similarity */
export const STOP = keys(`في من إلى الى على عن مع أن إن أنه إنه أنها بأن بين خلال بعد قبل عند حتى منذ لدى لكن لكنه
  بل أو أم ثم قد لقد كان كانت يكون تكون كما وكما ما هذا هذه ذلك تلك هؤلاء التي الذي الذين اللذين اللتين اللواتي هو هي هم هما
  نحن أنا كل بعض أي غير سوى أيضا أيضاً حيث إذ إذا لو كي لأن نحو عبر ضمن لها له لهم لهما فيها فيه منها منه عليها عليه
  إليه إليها عنه عنها به بها وقال قال قالت وقالت وأضاف أضاف وأضافت أضافت وأوضح أوضح وأوضحت وأكد أكد وأكدت أشار وأشار أشارت
  وذكر ذكر ذكرت وذكرت أفاد أفادت وأعلن أعلن أعلنت وأعلنت بحسب وفق وفقا وفقاً حسب حسبما نقلا نقلاً اليوم أمس غدا غداً
  الجاري الماضي المقبل يوم مساء صباح ليل فجر ظهر عام سنة شهر الساعة هناك هنا جدا جداً فقط لا لم لن ليس ليست`);

/** reporting verbs: who said it, not what happened */
export const REPORTING = keys(`قال قالت يقول تقول أضاف أضافت أوضح أوضحت أكد أكدت يؤكد تؤكد أشار أشارت ذكر ذكرت أفاد أفادت
  أعلن أعلنت يعلن تعلن صرح صرحت نقل نقلت أورد أوردت كشف كشفت تابع تابعت لفت لفتت زعم زعمت رأى رأت اعتبر اعتبرت`);

/** cues that deny or negate the proposition that follows them */
/** perfect-tense negation: a denial of a past fact (لا/لن/ليس negate states or futures, too broad to use alone) */
export const NEGATION_WORDS = new Set(['لم']);
export const DENIAL_VERBS = keys(`نفى نفت ينفي تنفي نفي نافيا نافياً نافية كذب كذبت ينكر أنكر أنكرت`);
/** denial verbs carrying the denied thing as a pronoun ("وهو ما نفته الوزارة"): the proposition is before */
export const DENIAL_VERBS_OBJECT = keys(`نفاه نفته نفتها نفاها ينفيه تنفيه نفوه نفياه كذبه كذبته أنكره أنكرته`);
/** phrases (normalised) that judge what comes BEFORE them ("ما نشر … كان سابقاً لأوانه") */
export const POSTPOSED_DENIALS = ['سابق لاوانه', 'سابقا لاوانه', 'عار عن الصحة', 'عارية عن الصحة', 'لا اساس له', 'لا اساس لها', 'غير صحيح', 'غير صحيحة', 'غير دقيق', 'غير دقيقة', 'مجرد شايعات'];
/** phrases (normalised, space-separated) that deny what is around them */
export const DENIAL_PHRASES = [
  'لا توجد', 'لا يوجد', 'لا خطط', 'لا خطة', 'لا نية', 'غير صحيح', 'غير دقيق', 'عار عن الصحة', 'عارية عن الصحة', 'لا اساس',
  'لا صحة', 'ليس صحيحا', 'ليس هناك', 'لا التزام', 'لا اتفاق', 'لن يزور', 'لن تزور', 'سابق لاوانه', 'سابقا لاوانه',
];

/** approximation cues before a number: the value is rounded */
export const APPROX_BEFORE = keys(`نحو حوالي حوالى قرابة قرب زهاء تقارب يقارب تقاربت يناهز تناهز ناهز قرابه قرابة ما يقارب`);
/** lower-bound cues before a number ("more than") */
export const MIN_BEFORE = keys(`أكثر أزيد يزيد تزيد يفوق تفوق يتجاوز تتجاوز تجاوز تجاوزت فوق`);
/** upper-bound cues before a number ("less than") */
export const MAX_BEFORE = keys(`أقل دون يقل`);

/** words that say a count is being updated (a toll that rises over time) */
export const UPDATE_CUES = keys(`ارتفع ارتفعت ترتفع يرتفع ليرتفع لترتفع ارتفاع تجاوز تجاوزت تخطى تخطت الإجمالي إجمالي`);

/** scale words after a number */
export const SCALE: Record<string, number> = Object.fromEntries(
  [
    ['ألف', 1e3], ['ألفا', 1e3], ['ألفاً', 1e3], ['آلاف', 1e3], ['الاف', 1e3], ['ألوف', 1e3],
    ['مليون', 1e6], ['ملايين', 1e6], ['مليونا', 1e6], ['مليار', 1e9], ['مليارات', 1e9], ['بليون', 1e9], ['مليارا', 1e9],
  ].map(([w, v]) => [matchForm(w as string), v as number]),
);

/** cardinal number words (masculine and feminine forms) */
export const NUMBER_WORDS: Record<string, number> = Object.fromEntries(
  (
    [
      ['واحد واحدة', 1], ['اثنان اثنين اثنتان اثنتين', 2], ['ثلاث ثلاثة', 3], ['أربع أربعة', 4], ['خمس خمسة', 5],
      ['ست ستة', 6], ['سبع سبعة', 7], ['ثماني ثمانية ثمان', 8], ['تسع تسعة', 9], ['عشر عشرة', 10],
      ['عشرون عشرين', 20], ['ثلاثون ثلاثين', 30], ['أربعون أربعين', 40], ['خمسون خمسين', 50], ['ستون ستين', 60],
      ['سبعون سبعين', 70], ['ثمانون ثمانين', 80], ['تسعون تسعين', 90], ['مئة مائة', 100], ['مئتان مئتين مائتان مائتين', 200],
      ['ثلاثمئة ثلاثمائة', 300], ['أربعمئة أربعمائة', 400], ['خمسمئة خمسمائة', 500],
    ] as [string, number][]
  ).flatMap(([ws, v]) => ws.split(' ').map((w) => [matchForm(w), v])),
);

/** percent written as words */
export const PERCENT_WORDS = keys(`بالمئة بالمائة المئة المائة بالمية المية %`);

/** place-type nouns and the granularity level they name: 1 region, 2 city/town, 3 site */
export const PLACE_TYPES: Record<string, 1 | 2 | 3> = Object.fromEntries(
  (
    [
      ['منطقة إقليم محافظة ولاية مقاطعة قضاء لواء جهة ضواحي ريف', 1],
      ['مدينة العاصمة عاصمة بلدة قرية جماعة حي مخيم', 2],
      ['قاعدة منشأة مطار ملعب فندق قاعة قصر محطة مستشفى ميناء مرفأ معبر سجن مبنى مقر ساحة جامعة مركز استاد', 3],
    ] as [string, 1 | 2 | 3][]
  ).flatMap(([ws, v]) => ws.split(' ').map((w) => [matchForm(w), v])),
);

/** direction words: "جنوب لبنان", "شرق روسيا" name a region of what follows */
export const DIRECTIONS = keys(`شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي أقصى شمال شرقي جنوب غربي`);

/** countries (level 0) */
export const COUNTRIES = keys(`مصر الأردن لبنان سوريا سورية العراق السعودية المملكة الكويت قطر البحرين الإمارات اليمن
  فلسطين ليبيا تونس الجزائر المغرب موريتانيا السودان الصومال جيبوتي تركيا إيران إسرائيل روسيا أوكرانيا الصين اليابان الهند
  باكستان أفغانستان فرنسا ألمانيا بريطانيا إيطاليا إسبانيا كرواتيا اليونان أمريكا أميركا الولايات كندا البرازيل كوريا
  إثيوبيا كينيا نيجيريا أوروبا آسيا أفريقيا إفريقيا`);

/** capitals and major cities with the country they belong to (general knowledge) */
export const CITY_COUNTRY: Record<string, string> = Object.fromEntries(
  (
    [
      ['القاهرة الإسكندرية', 'مصر'], ['عمان الزرقاء إربد', 'الأردن'], ['بيروت صيدا', 'لبنان'], ['دمشق حلب', 'سوريا'],
      ['بغداد البصرة الموصل', 'العراق'], ['الرياض جدة مكة الدمام', 'السعودية'], ['الكويت', 'الكويت'], ['الدوحة', 'قطر'],
      ['المنامة', 'البحرين'], ['أبوظبي دبي الشارقة', 'الإمارات'], ['مسقط', 'عمان'], ['صنعاء عدن', 'اليمن'], ['بنغازي', 'ليبيا'],
      ['تونس صفاقس', 'تونس'], ['الجزائر وهران', 'الجزائر'], ['الرباط الدار البيضاء مراكش فاس', 'المغرب'], ['الخرطوم', 'السودان'],
      ['أنقرة إسطنبول', 'تركيا'], ['طهران', 'إيران'], ['موسكو بطرسبورغ', 'روسيا'], ['كييف', 'أوكرانيا'], ['بكين شنغهاي', 'الصين'],
      ['طوكيو', 'اليابان'], ['باريس', 'فرنسا'], ['برلين', 'ألمانيا'], ['لندن', 'بريطانيا'], ['روما', 'إيطاليا'], ['مدريد', 'إسبانيا'],
      ['زغرب', 'كرواتيا'], ['واشنطن نيويورك', 'أمريكا'], ['سيول', 'كوريا'], ['بيونغ', 'كوريا'],
    ] as [string, string][]
  ).flatMap(([cs, country]) => cs.split(' ').map((c) => [matchForm(c), matchForm(country)])),
);

export const MONTHS: Record<string, number> = Object.fromEntries(
  (
    [
      ['يناير كانون_الثاني جانفي', 1], ['فبراير شباط فيفري', 2], ['مارس آذار', 3], ['أبريل إبريل نيسان أفريل', 4], ['مايو أيار ماي', 5],
      ['يونيو حزيران جوان', 6], ['يوليو تموز جويلية', 7], ['أغسطس آب أوت', 8], ['سبتمبر أيلول', 9], ['أكتوبر تشرين_الأول', 10],
      ['نوفمبر تشرين_الثاني', 11], ['ديسمبر كانون_الأول', 12],
    ] as [string, number][]
  ).flatMap(([ws, v]) => ws.split(' ').map((w) => [w.split('_').map((x) => matchForm(x)).join(' '), v])),
);

/** 0 = Sunday … 6 = Saturday (JS getUTCDay) */
export const WEEKDAYS: Record<string, number> = Object.fromEntries(
  (
    [
      ['الأحد', 0], ['الاثنين الإثنين', 1], ['الثلاثاء', 2], ['الأربعاء', 3], ['الخميس', 4], ['الجمعة', 5], ['السبت', 6],
    ] as [string, number][]
  ).flatMap(([ws, v]) => ws.split(' ').map((w) => [matchForm(w), v])),
);

export const ORDINAL_DAYS: Record<string, number> = Object.fromEntries(
  (
    [
      ['الأول', 1], ['الثاني', 2], ['الثالث', 3], ['الرابع', 4], ['الخامس', 5], ['السادس', 6], ['السابع', 7], ['الثامن', 8],
      ['التاسع', 9], ['العاشر', 10], ['العشرين', 20], ['الثلاثين', 30],
    ] as [string, number][]
  ).map(([w, v]) => [matchForm(w), v]),
);

export const isKey = (set: Set<string>, word: string): boolean => set.has(matchForm(word));

/** event frames: words that name the same kind of happening (meeting, holding) */
export const MEETING_FRAME = keys(`لقاء اللقاء التقى يلتقي التقيا لقائهما اجتماع الاجتماع اجتمع يجتمع اجتماعهما قمة القمة محادثات مباحثات`);
export const HELD_FRAME = keys(`عقد عقدت انعقد انعقدت أقيم أقيمت جرى جرت`);
/** fillers between a denial cue and the proposition it denies */
export const DENIAL_FILLERS = keys(`توجد يوجد هناك ثمة خطط خطة نية أي تم يتم تكون يكون قد أن إن كان كانت وجود
  التزام قرار اتجاه توجه مشروع`);
/** action verbs whose subject can be disputed ("سجل X الهدف") — reporting verbs are excluded */
export const ACTOR_VERBS = keys(`سجل سجلت أحرز أحرزت نفذ نفذت قتل قتلت أطلق أطلقت فاز فازت وقع وقعت اغتال هاجم هاجمت اعتقل اعتقلت أصدر أصدرت قاد قادت`);

/** Hijri month names: a number before one is a date, not a quantity */
export const HIJRI_MONTHS = keys(`محرم صفر ربيع جمادى رجب شعبان رمضان شوال القعدة الحجة هـ ه`);

/** words that put a date on a scheduled event: appointments, postponements, the next session */
export const SCHEDULE_CUES = keys(`موعد موعدا المحدد المحددة المقرر المقررة مقرر مقررة حدد حددت أرجأ أرجأت أرجئ أرجئت إرجاء أجل أجلت
  تأجيل تأجيلها تأجيله رفع رفعت يرفع المقبل المقبلة القادم القادمة ستعقد سيعقد تعقد يعقد ينطلق تنطلق ستنطلق انطلاق`);

/**
 * What a count is of: counted nouns grouped by the quantity they name, so "قتيلاً"، "قتلى" and
 * "حالة وفاة" are one slot and "جرحى"، "مصابين" another. Keys are `matchForm` of the noun.
 */
export const UNIT_CLASSES: Record<string, string> = Object.fromEntries(
  (
    [
      ['قتيل قتيلا قتيلاً قتلى قتيلة وفاة وفيات الوفيات ضحية ضحايا حتفهم جثة جثث', 'dead'],
      ['جريح جريحا جريحاً جرحى مصاب مصابا مصاباً مصابين مصابون الجرحى', 'injured'],
      ['إصابة إصابات الإصابات', 'cases'],
      ['مفقود مفقودا مفقوداً مفقودين مفقودون', 'missing'],
      ['نازح نازحا نازحين نازحون مشرد مشردا مشردين', 'displaced'],
      ['متفرج متفرجا متفرجاً متفرجين مشجع مشجعا مشجعين متفرجون مشجعون', 'spectators'],
      ['أسرة أسر عائلة عائلات', 'families'],
    ] as [string, string][]
  ).flatMap(([ws, c]) => ws.split(/\s+/).map((w) => [matchForm(w), c])),
);
/** verbs and nouns before "شخص/أشخاص" that make them dead or injured */
export const DEATH_CUES = keys(`قتل قتلت مقتل لقي لقوا مصرع حتف حتفهم بحياة وفاة توفي وفاه أودى أودت`);
export const INJURY_CUES = keys(`أصيب أصيبوا إصابة جرح جرحت إصابات`);
/** words before a number that make it the size of a change ("بواقع 200 نقطة", "زيادة … 2%") */
export const DELTA_CUES = keys(`بواقع بمقدار`);
export const CHANGE_WORDS = keys(`رفع رفعت يرفع ترفع خفض خفضت يخفض تخفض زيادة زياده رفعها خفضها ارتفاع انخفاض تراجع تراجعت
  ارتفع انخفض قفز قفزت هبط هبطت صعد صعدت زاد زادت نقص نقصت`);
/** words right before a number that make it a level ("إلى 29.25 في المئة", "بلغ", "عند") */
export const LEVEL_CUES = keys(`إلى الى لـ ليصل لتصل ليبلغ لتبلغ بلغ بلغت يبلغ تبلغ عند مستوى`);
/** words right before a number that make it an earlier or compared value ("من 212 إلى 261", "مقابل 13.6") */
export const PRIOR_CUES = keys(`من مقابل مقارنة بعدما`);

/** contrast words joining two sources' versions in one sentence */
export const CONTRAST = keys(`بينما فيما حين وبينما وفيما خلافا خلافاً عكس`);
/** attribution words besides reporting verbs */
export const ATTRIBUTION = keys(`بحسب حسب وفق وفقا وفقاً نقلا نقلاً تحدث تحدثت يتحدث تتحدث تشير يشير أشارت قدرت قدر تقدر يقدر مصادر مصدر`);

/**
 * Opposite verdicts on the same thing, said without a denial word: each pair is (one side, the
 * other side). "قبل" is left out (also "before").
 */
export const OPPOSITES: [Set<string>, Set<string>][] = [
  [keys(`صحيح صحيحا صحيحاً سليم سليما سليماً شرعي شرعيا شرعياً`), keys(`تسلل مسلل متسلل ملغى ملغي باطل خاطئ خاطئا خاطئاً`)],
  [keys(`وافق وافقت يوافق توافق موافقة قبلت تقبل يقبل`), keys(`رفض رفضت يرفض ترفض رفضها رفضه`)],
  [keys(`فاز فازت يفوز`), keys(`خسر خسرت يخسر`)],
  [keys(`مفتوح مفتوحا مفتوحة فتحت`), keys(`مغلق مغلقا مغلقة أغلقت`)],
];
