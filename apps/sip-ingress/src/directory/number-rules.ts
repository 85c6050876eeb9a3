/**
 * Number rewriting of a trunk, a list of rules of which the first that matches applies (like a dial plan):
 * - `prefix`: the number starts with it ("" matches any), compared after clean-up (digits, * and #, a leading +);
 * - `length`: and has exactly this many characters (the + counts);
 * - `replace`: the whole number becomes this ("" = withheld), nothing else of the rule applies;
 * - otherwise `strip` characters go from the front, then `add` is put in front.
 * E.g. Russian national "8XXXXXXXXXX" to E.164: { prefix: "8", length: 11, strip: 1, add: "+7" }.
 */
export interface NumberRule {
  prefix: string;
  length?: number;
  strip?: number;
  add?: string;
  replace?: string;
}

/** What a number may consist of after clean-up: dial-pad characters with an optional leading +. */
export const DIALLED_CHARACTERS = /^\+?[0-9*#]*$/;

/** Caller ids that mean "withheld" (RFC 3323 anonymous From, and what carriers write instead of a number). */
const WITHHELD = new Set([
  '',
  'anonymous',
  'unknown',
  'unavailable',
  'restricted',
  'private',
  'withheld',
  'anonymous.invalid',
]);

/** Drops visual separators and a "tel:"/"sip:" prefix; withheld forms become "". */
export function cleanNumber(raw: string): string {
  const text = raw.trim();
  if (WITHHELD.has(text.toLowerCase())) return '';
  const cleaned = text.replace(/^(tel|sips?):/i, '').replace(/[\s\-().]/g, '');
  return WITHHELD.has(cleaned.toLowerCase()) ? '' : cleaned;
}

export function ruleMatches(rule: NumberRule, number: string): boolean {
  return number.startsWith(rule.prefix) && (rule.length === undefined || number.length === rule.length);
}

/** Cleans the number and applies the first matching rule; "" stays "" (withheld is not rewritten). */
export function applyNumberRules(raw: string, rules: readonly NumberRule[]): string {
  const number = cleanNumber(raw);
  if (number === '') return '';
  const rule = rules.find((candidate) => ruleMatches(candidate, number));
  if (rule === undefined) return number;
  if (rule.replace !== undefined) return rule.replace;
  return `${rule.add ?? ''}${number.slice(rule.strip ?? 0)}`;
}

/** An E.164 number: "+", a country code not starting with 0, at most 15 digits. */
export function isE164(number: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(number);
}

/** Russian national and international-access forms to E.164 (8XXXXXXXXXX, 7XXXXXXXXXX, 810...). */
export const RUSSIAN_NUMBER_RULES: readonly NumberRule[] = [
  { prefix: '8', length: 11, strip: 1, add: '+7' },
  { prefix: '7', length: 11, add: '+' },
  { prefix: '810', strip: 3, add: '+' },
];
