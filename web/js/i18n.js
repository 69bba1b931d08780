// UI strings: Arabic first (right-to-left), English as the alternative. The choice is kept
// in localStorage and sets <html lang dir>.
const STRINGS = {
  ar: {
    brand: 'مرصد', feed: 'القصص', search: 'بحث', langToggle: 'English', searchPlaceholder: 'ابحث في الأخبار…',
    newest: 'الأحدث', biggest: 'الأكبر', allOutlets: 'كل المصادر', outlet: 'المصدر', since: 'من', until: 'إلى', text: 'نص',
    filter: 'تصفية', reset: 'إعادة', more: 'المزيد', loading: 'جارٍ التحميل…', articles: 'مقالات', article: 'مقال',
    sources: 'المصادر', noStories: 'لا توجد قصص بعد.', noStoriesHint: 'شغّل ‎marsad run‎ على مجلد أخبار ثم أعد تحميل الصفحة.',
    summary: 'الملخص', timeline: 'التسلسل الزمني', conflicts: 'نقاط الخلاف', quotes: 'الاقتباسات', entities: 'الكيانات',
    coverage: 'التغطية', sideBySide: 'المصادر جنباً إلى جنب', facts: 'وقائع متفق عليها', events: 'الأحداث',
    firstReported: 'أول من نشر', shared: 'مقطع مشترك مع', sharedLegend: 'المقاطع المظللة منشورة أيضاً في مصدر آخر',
    emptySummary: 'لا يوجد ملخص لهذه القصة.', emptyTimeline: 'لا توجد تواريخ مرتبة لهذه القصة.', emptyConflicts: 'لم تُرصد روايات متعارضة بين المصادر.',
    emptyQuotes: 'لا توجد اقتباسات منسوبة.', emptyEntities: 'لا توجد كيانات.', emptyFacts: 'لا توجد وقائع مشتركة.',
    stageMissing: 'لم تعمل مرحلة التحليل «{stage}» على هذه المقالات بعد.',
    words: 'كلمة', sharedShare: 'نسبة النص المشترك', firstPublished: 'أول نشر', bodyOmitted: 'النص غير معروض (قصة كبيرة)؛ افتح المقال.',
    cleaned: 'النص المنظف', raw: 'النص الخام', removedLegend: 'الأجزاء المشطوبة أزيلت من المتن، مع نوعها',
    dates: 'التواريخ', reuse: 'نصوص مشتركة مع مقالات أخرى', story: 'القصة', openOriginal: 'الرابط الأصلي', published: 'نُشر',
    inferred: '(مستنتج)', similarity: 'التشابه', variants: 'صيغ الاسم', stories: 'القصص', saidBy: 'أقوال', mentions: 'ذِكر',
    searchButton: 'ابحث', entity: 'الكيان', results: 'نتيجة', noResults: 'لا نتائج.', storiesFound: 'قصص', articlesFound: 'مقالات',
    notFound: 'غير موجود', error: 'خطأ', back: 'العودة إلى القصص', unknownSpeaker: 'متحدث غير محدد', direct: 'مباشر', indirect: 'غير مباشر',
    type_PER: 'شخص', type_LOC: 'مكان', type_ORG: 'منظمة', type_MISC: 'أخرى', of: 'من', by: 'نقلاً عن',
    cls_cta: 'دعوة للتفاعل', cls_related: 'روابط ذات صلة', cls_comment_prompt: 'دعوة للتعليق', cls_markup: 'بقايا ترميز', cls_byline: 'توقيع',
    cls_dateline: 'سطر المكان', cls_credit: 'نسبة', cls_title: 'عنوان', cls_kicker: 'عنوان تمهيدي', cls_subheading: 'عنوان فرعي', cls_caption: 'تعليق صورة', cls_other: 'أخرى',
    conflict_place: 'مكان', conflict_number: 'رقم', conflict_date: 'تاريخ', conflict_actor: 'فاعل', conflict_claim: 'رواية',
  },
  en: {
    brand: 'Marsad', feed: 'Stories', search: 'Search', langToggle: 'العربية', searchPlaceholder: 'Search the news…',
    newest: 'Newest', biggest: 'Biggest', allOutlets: 'All outlets', outlet: 'Outlet', since: 'From', until: 'To', text: 'Text',
    filter: 'Filter', reset: 'Reset', more: 'More', loading: 'Loading…', articles: 'articles', article: 'article',
    sources: 'Sources', noStories: 'No stories yet.', noStoriesHint: 'Run `marsad run` on a folder of news, then reload.',
    summary: 'Summary', timeline: 'Timeline', conflicts: 'Conflicts', quotes: 'Quotes', entities: 'Entities',
    coverage: 'Coverage', sideBySide: 'Outlets side by side', facts: 'Agreed facts', events: 'Events',
    firstReported: 'First reported', shared: 'shared with', sharedLegend: 'Highlighted passages were also published by another outlet',
    emptySummary: 'No summary for this story.', emptyTimeline: 'No dated timeline for this story.', emptyConflicts: 'No contradicting accounts found between outlets.',
    emptyQuotes: 'No attributed quotes.', emptyEntities: 'No entities.', emptyFacts: 'No shared facts.',
    stageMissing: 'The “{stage}” analysis has not run on these articles yet.',
    words: 'words', sharedShare: 'shared text', firstPublished: 'first published', bodyOmitted: 'Text not shown (large story); open the article.',
    cleaned: 'Cleaned text', raw: 'Raw text', removedLegend: 'Struck-through parts were removed from the body, with their class',
    dates: 'Dates', reuse: 'Text shared with other articles', story: 'Story', openOriginal: 'Original link', published: 'Published',
    inferred: '(inferred)', similarity: 'similarity', variants: 'Spelling variants', stories: 'Stories', saidBy: 'Quotes', mentions: 'mentions',
    searchButton: 'Search', entity: 'Entity', results: 'results', noResults: 'No results.', storiesFound: 'Stories', articlesFound: 'Articles',
    notFound: 'Not found', error: 'Error', back: 'Back to stories', unknownSpeaker: 'Unidentified speaker', direct: 'direct', indirect: 'indirect',
    type_PER: 'person', type_LOC: 'place', type_ORG: 'organisation', type_MISC: 'other', of: 'of', by: 'via',
    cls_cta: 'call to action', cls_related: 'related links', cls_comment_prompt: 'comment prompt', cls_markup: 'markup residue', cls_byline: 'byline',
    cls_dateline: 'dateline', cls_credit: 'credit', cls_title: 'title', cls_kicker: 'kicker', cls_subheading: 'subheading', cls_caption: 'caption', cls_other: 'other',
    conflict_place: 'place', conflict_number: 'number', conflict_date: 'date', conflict_actor: 'actor', conflict_claim: 'claim',
  },
};

let lang = (() => {
  try {
    return localStorage.getItem('marsad.lang') === 'en' ? 'en' : 'ar';
  } catch {
    return 'ar';
  }
})();

export const currentLang = () => lang;

export function t(key, vars = {}) {
  const s = STRINGS[lang][key] ?? STRINGS.ar[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
}

export function applyLang() {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  document.title = lang === 'ar' ? 'مرصد · Marsad' : 'Marsad · مرصد';
}

export function toggleLang() {
  lang = lang === 'ar' ? 'en' : 'ar';
  try {
    localStorage.setItem('marsad.lang', lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  applyLang();
}

/** dates shown in the UI language (Gregorian, Latin digits in English, Arabic-Indic off for clarity) */
export function fmtDate(iso) {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(lang === 'ar' ? 'ar-u-nu-latn' : 'en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(d);
  } catch {
    return iso.slice(0, 10);
  }
}
