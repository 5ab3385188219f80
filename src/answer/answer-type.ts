/**
 * What kind of answer a question asks for, when its wording says so: a day, a
 * time, a number or a person. A passage can share every word of "On what date
 * did the call happen?" and still not hold a date; then the essays cover the
 * topic but not the question, and the engine should say so. (Answer typing is
 * how question-answering systems have long told these apart, TREC QA onwards.)
 * English wording only; other questions have no expected type and pass.
 */
export type AnswerType = 'day' | 'time' | 'quantity' | 'age' | 'person';

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december';
const WEEKDAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const NUMBER_WORDS =
  'two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|half|dozen|dozens|several|few';
const UNITS = 'seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century';

const QUESTION_TYPES: readonly [AnswerType, RegExp][] = [
  ['age', /\bhow old\b/i],
  ['day', /\b(?:what|which)\s+(?:exact\s+|precise\s+)?(?:date|day)\b/i],
  ['time', /^(?:\W*(?:and|so|but|then)\s+)?when\b|\b(?:what|which)\s+(?:year|month)\b|\bhow long ago\b|\bsince when\b/i],
  // "How much can Trump deliver?" asks about degree, not an amount: a verb right after "how much" rules it out.
  ['quantity', /\bhow\s+(?:many|much)\b(?!\s+(?:can|could|do|does|did|is|are|was|were|will|would|should|has|have|had|of|more)\b)|\bhow\s+(?:long|big|large|far|high|often)\b|\bwhat\s+(?:percent(?:age)?|proportion|share|number|amount)\b/i],
  ['person', /^(?:\W*(?:and|so|but|then)\s+)?(?:who|whom|whose)\b|\b(?:what|which)\s+is\s+(?:the\s+)?name\b|\bname\s+of\b/i],
];

/** The answer type the question's wording asks for, if any. */
export function expectedAnswerType(question: string): AnswerType | null {
  return QUESTION_TYPES.find(([, pattern]) => pattern.test(question))?.[0] ?? null;
}

const DAY = new RegExp(`\\b(?:\\d{1,2}\\s+(?:${MONTHS})|(?:${MONTHS})\\s+\\d{1,2}|${WEEKDAYS})\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b`, 'i');
const TIME = new RegExp(`${DAY.source}|\\b(?:${MONTHS})\\b|\\b(?:1[89]|20)\\d{2}\\b|\\b(?:\\d+|an?|one|${NUMBER_WORDS})\\s+(?:more\\s+)?(?:${UNITS})\\s+(?:before|after|ago|later|earlier)\\b|\\b(?:yesterday|today|tomorrow|last|next)\\s+(?:week|month|year)\\b`, 'i');
const QUANTITY = new RegExp(`\\b\\d[\\d,.]*\\b(?!\\s*(?:${MONTHS}))|\\bper\\s*cent\\b|%|\\b(?:${NUMBER_WORDS})\\b|\\ban?\\s+(?:${UNITS})\\b`, 'i');
const AGE = /\b\d+\s*(?:-\s*)?years?(?:\s*-\s*|\s+)old\b|\baged?\s+\d+\b|\bin\s+(?:his|her|their)\s+(?:twenties|thirties|forties|fifties|sixties|seventies|eighties)\b/i;
// Two capitalised words in a row, the second not starting a sentence: "Pete Hegseth", "Vladimir Medinsky".
const FULL_NAME = /(?<![.!?]\s)\b\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)?\s+\p{Lu}\p{Ll}+\b/gu;

/**
 * Whether a passage holds something of the type. For a person, a full name the
 * question does not already give ("Who replaced Kellogg?" is not answered by
 * "Keith Kellogg").
 */
export function holdsAnswerType(text: string, type: AnswerType, question: string): boolean {
  switch (type) {
    case 'day':
      return DAY.test(text);
    case 'time':
      return TIME.test(text);
    case 'quantity':
      return QUANTITY.test(text.replace(/\b(?:1[89]|20)\d{2}\b/g, ''));
    case 'age':
      return AGE.test(text);
    case 'person': {
      const asked = new Set(question.toLowerCase().match(/\p{L}+/gu) ?? []);
      return [...text.matchAll(FULL_NAME)].some(([name]) => name.split(/\s+/).some((part) => !asked.has(part.toLowerCase())));
    }
  }
}
