/**
 * Character classes for Chinese line breaking (禁则处理), after GB/T 15834-2011 (标点符号用法),
 * W3C "Requirements for Chinese Text Layout" (clreq) and the default kinsoku lists of Word/WPS for
 * 简体中文. The line breaker (linebreak.ts) only reads these sets; they are data, kept in one place
 * so a reviewer can check them against the standard.
 *
 * Everything here works on code points, never on UTF-16 units, so characters outside the BMP
 * (CJK Extension B names such as 𠮷) are one character.
 */

const cps = (s: string): number[] => Array.from(s, (c) => c.codePointAt(0) ?? 0);

/**
 * 行首禁则: characters that may not begin a line. Closing punctuation (句号、逗号、顿号、分号、冒号、
 * 问号、叹号、结束引号、结束括号、结束书名号), 省略号 and 破折号 (never split, never at a line
 * start, as in Word's default list), 连接号, unit and percent signs that follow a number, the
 * full-width, half-width and small-form variants, and Japanese small kana and iteration marks for
 * completeness. A character in this set is kept on the line of the character before it.
 */
export const NO_LINE_START_CHARS =
  // Chinese / full-width closing punctuation
  '，。、；：？！）》」』】〕〗〙〛〉］｝”’〞〟．｡､｣' +
  // small-form variants
  '﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞' +
  // ellipsis, dashes, wave dash
  '…‥⋯—―–～〜' +
  // percent, per mille, degrees, primes, ditto and iteration marks
  '％‰‱℃℉°′″‴〃々〻ゝゞヽヾー' +
  // Japanese small kana
  'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ' +
  // ASCII and Latin-1 closing punctuation and postfix signs
  ',.;:?!)]}%¢»›';

/**
 * 行尾禁则: characters that may not end a line: opening brackets, quotes and 书名号, and currency
 * and comparison signs that precede an amount. A character in this set is kept on the line of the character after
 * it.
 */
export const NO_LINE_END_CHARS =
  // Chinese / full-width opening punctuation
  '（《「『【〔〖〘〚〈［｛“‘〝｟｢' +
  // small-form variants
  '﹙﹛﹝' +
  // ASCII and Latin-1 opening punctuation
  '([{«‹' +
  // currency signs and comparison signs before an amount ("≈ 10%", "≥ 6 个月")
  '$¥£€₩₹￥＄￡≈≤≥';

/**
 * Glue: no break on either side when directly adjacent (a space next to them still breaks).
 * No-break spaces, word joiner, 间隔号 (·, as in 阿卜杜拉·买买提), slash (元/月, 2026/11) and
 * the ambiguous straight quotes, which may open or close.
 */
export const GLUE_CHARS = '\u00a0\u2007\u202f\u2060\ufeff·・‧/／"\'＂＇';

/** Breakable spaces: dropped where a line breaks. U+3000 (全角空格) is not one: it is a character. */
export const SPACE_CHARS = ' \u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f';

/** Zero-width space: a break opportunity that draws nothing. */
export const ZERO_WIDTH_SPACE = 0x200b;

/**
 * Inside a latin word or number, these join the characters on either side when a word character
 * follows: 1,234,567.89 · 12:30 · 2026-11 (the hyphen is itself a word character) · 2026/11 ·
 * 3.05%–3.10% · 3～5 · don't.
 */
export const JOINER_CHARS = ".,:/'’–～〜·";

/**
 * Symbols that belong to a latin word or a number (UAX #14 classes AL, PR and PO): signs, currency
 * and units written next to digits. `-` and `+` are here, so −5%, +3.2% and 2026-11 stay whole.
 */
export const WORD_SYMBOL_CHARS = '#$%&*+-<=>@\\^_`|~¥£€¢₩₹±×÷°‰‱℃℉′″−￥＄￡＋－';

/**
 * Units of more than one character that stay with the number before them ("12.5 万元", "3 个月").
 * A number always keeps the one Han character that follows it ("2031年", "87 岁", "1,234,567 元");
 * this list only extends that to the longest matching unit.
 */
export const MULTI_CHAR_UNITS: readonly string[] = [
  '个百分点',
  '百分点',
  '万亿元',
  '万美元',
  '亿美元',
  '万港元',
  '万元',
  '亿元',
  '千元',
  '百元',
  '美元',
  '港元',
  '欧元',
  '日元',
  '英镑',
  '平方米',
  '平方公里',
  '平米',
  '立方米',
  '公里',
  '公斤',
  '千克',
  '小时',
  '分钟',
  '个月',
  '周岁',
  '季度',
  '年度',
  '万人',
  '人次',
];

/** Characters that glue to the number after them ("第 3 页", "第3期"). */
export const ORDINAL_PREFIX_CHARS = '第';

export const NO_LINE_START = new Set(cps(NO_LINE_START_CHARS));
export const NO_LINE_END = new Set(cps(NO_LINE_END_CHARS));
export const GLUE = new Set(cps(GLUE_CHARS));
export const SPACES = new Set(cps(SPACE_CHARS));
export const JOINERS = new Set(cps(JOINER_CHARS));
const WORD_SYMBOLS = new Set(cps(WORD_SYMBOL_CHARS));
const ORDINAL_PREFIXES = new Set(cps(ORDINAL_PREFIX_CHARS));

const IDEOGRAPHIC_SCRIPT =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\p{Script=Yi}]/u;
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;
const HAN = /\p{Script=Han}/u;
const DIGIT = /\p{Nd}/u;
const MARK = /\p{M}/u;
const FORMAT = /\p{Cf}/u;

const WORD = 1;
const HAN_CHAR = 2;
const DIGIT_CHAR = 4;
const EXTENDER = 8;
const REMOVED = 16;
const KNOWN = 128;

/**
 * Class flags per code point, computed once: the Unicode property regexes are the slow part of
 * tokenizing. BMP code points live in a table, the rest in a map.
 */
const bmpFlags = new Uint8Array(0x10000);
const astralFlags = new Map<number, number>();

function computeFlags(cp: number): number {
  const ch = String.fromCodePoint(cp);
  let f = KNOWN;
  if (WORD_SYMBOLS.has(cp) || (LETTER_OR_NUMBER.test(ch) && !IDEOGRAPHIC_SCRIPT.test(ch))) f |= WORD;
  if (HAN.test(ch)) f |= HAN_CHAR;
  if (DIGIT.test(ch)) f |= DIGIT_CHAR;
  if ((cp >= 0x1f3fb && cp <= 0x1f3ff) || MARK.test(ch)) f |= EXTENDER;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || FORMAT.test(ch)) f |= REMOVED;
  return f;
}

function flags(cp: number): number {
  if (cp < 0x10000) {
    let f = bmpFlags[cp] ?? 0;
    if (f === 0) {
      f = computeFlags(cp);
      bmpFlags[cp] = f;
    }
    return f;
  }
  let f = astralFlags.get(cp);
  if (f === undefined) {
    f = computeFlags(cp);
    if (astralFlags.size < 100_000) astralFlags.set(cp, f);
  }
  return f;
}

/** A character of a latin word or number: letters and digits of non-ideographic scripts, signs. */
export function isWordChar(cp: number): boolean {
  return (flags(cp) & WORD) !== 0;
}

export function isHan(cp: number): boolean {
  return (flags(cp) & HAN_CHAR) !== 0;
}

export function isDigit(cp: number): boolean {
  return (flags(cp) & DIGIT_CHAR) !== 0;
}

export function isOrdinalPrefix(cp: number): boolean {
  return ORDINAL_PREFIXES.has(cp);
}

/**
 * Code points that extend the character before them into one cluster and are never a break point:
 * combining marks, variation selectors (including the ideographic variation sequences of name
 * characters, U+E0100–U+E01EF) and emoji skin-tone modifiers.
 */
export function isExtender(cp: number): boolean {
  return cp >= 0x300 && (flags(cp) & EXTENDER) !== 0;
}

/** Variation selectors: fontkit reads them with the character before (cmap format 14). */
export function isVariationSelector(cp: number): boolean {
  return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
}

/**
 * Code points that are not drawn: C0/C1 controls (newline and tab are handled before this) and
 * format characters (soft hyphen, zero-width space, ZWJ, word joiner, BOM, bidi marks, tags).
 * The line breaker reads the zero-width space (a break opportunity) and the word joiner and BOM
 * (glue) before it removes them; finplan does not hyphenate, so a soft hyphen is simply removed.
 */
export function isRemoved(cp: number): boolean {
  return (flags(cp) & REMOVED) !== 0;
}
