/**
 * General Arabic trigger vocabulary (titles, place and organisation nouns, reporting verbs).
 * These are common nouns of the language, not names: they tell the tagger what kind of
 * entity tends to follow. Stored in matching form (normWord + proclitics stripped).
 */
import { matchKey } from './arabic.ts';

const PERSON_TITLES = `رئيس رئيسه الرئيس وزير وزيره الوزير الملك الملكه الامير الاميره الشيخ السيد السيده الزعيم زعيم
  المتحدث متحدث الناطق ناطق المستشار مستشار النائب نائب السفير سفير الجنرال اللواء العميد العقيد الرائد المشير
  الدكتور د المدرب مدرب اللاعب لاعب الكاتب الصحفي المراسل مراسل البابا الامام الحاكم حاكم القائد قائد المبعوث مبعوث
  الامين امين المدير مدير المندوب مندوب الناشط الفنان الفنانه المخرج المغني الشاعر الروائي القاضي المدعي المحامي
  الاستاذ البروفيسور العاهل ولي المرشد المرشح الجنرال عضو النجم الرياضي السناتور السيناتور حاكمه رئيسا وزيرا`;

const PLACE_NOUNS = `مدينه قريه بلده محافظه ولايه اقليم منطقه عاصمه العاصمه جزيره جزر نهر بحر جبل جبال صحراء وادي خليج
  مطار ميناء قاعده مقاطعه حي شارع ساحه مخيم معبر ضاحيه بلديه سواحل شمال جنوب شرق غرب شمالي جنوبي شرقي غربي
  وسط اقصى شبه دوله جمهوريه مملكه امارة اماره سلطنه حدود`;

const ORG_NOUNS = `وكاله صحيفه جريده مجله شركه جامعه منظمه وزاره حزب مجلس هيئه مؤسسه موسسه بنك مصرف جمعيه اتحاد نادي
  قناه اذاعه تلفزيون معهد مركز لجنه جيش حركه جبهه مجموعه محكمه برلمان الكونغرس البرلمان وكالات صندوق مكتب دائره
  رابطه نقابه كليه اكاديميه مستشفى تحالف ائتلاف منتدى بعثه قوات ميليشيا مليشيا سلطه الحكومه حكومه ادارة اداره`;

const REPORTING = `قال قالت اعلن اعلنت اكد اكدت اضاف اضافت ذكر ذكرت افاد افادت اوضح اوضحت اشار اشارت صرح صرحت نقل نقلت
  اوردت اورد بحسب حسب وفق وفقا نفى نفت دعا دعت التقى التقت زار زارت استقبل`;

function toSet(words: string): Set<string> {
  return new Set(words.split(/\s+/).filter(Boolean).map(matchKey));
}

export const TRIGGERS = {
  PERT: toSet(PERSON_TITLES),
  LOCT: toSet(PLACE_NOUNS),
  ORGT: toSet(ORG_NOUNS),
  RPT: toSet(REPORTING),
} as const;

export type TriggerClass = keyof typeof TRIGGERS;

/** Trigger class of a word in matching form, or null. */
export function triggerOf(key: string): TriggerClass | null {
  for (const k of Object.keys(TRIGGERS) as TriggerClass[]) if (TRIGGERS[k].has(key)) return k;
  return null;
}
