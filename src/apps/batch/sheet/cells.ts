/**
 * One cell → one typed value for the profile, or a reason in Chinese. Money stays decimal text
 * throughout (a 万元 figure is scaled with decimal.js, never in a float); an ID number is text or
 * an error, never a number read back as text.
 */
import { Decimal } from 'decimal.js';
import { SHEET_LIMITS } from './limits.js';
import type { MoneyUnit } from './layout.js';
import { NO_WORDS, YES_WORDS } from './layout.js';
import type { CellValue } from './table.js';

const Dec = Decimal.clone({ precision: 40 });

export type CellResult<T> = { ok: true; value: T } | { ok: false; code: string; predicate: string };

const fail = (code: string, predicate: string): { ok: false; code: string; predicate: string } => ({
  ok: false,
  code,
  predicate,
});

/** A cell as the text a person sees, NFKC-normalised (full-width digits and brackets become ASCII). */
function plain(cell: CellValue): CellResult<string> {
  switch (cell.kind) {
    case 'error':
      return fail('cell_error', '是 Excel 错误值，请修正公式或直接填写');
    case 'text': {
      if (cell.text.length > SHEET_LIMITS.maxCellChars)
        return fail('too_long', `超过 ${SHEET_LIMITS.maxCellChars} 个字符`);
      return { ok: true, value: cell.text.normalize('NFKC').trim() };
    }
    case 'number':
      return { ok: true, value: numberText(cell.value) };
    case 'bool':
      return { ok: true, value: cell.value ? '是' : '否' };
    case 'date':
      return { ok: true, value: cell.value.toISOString().slice(0, 10) };
  }
}

/** A JS number from Excel as decimal text, without an exponent (1e21 → "1000000000000000000000"). */
function numberText(n: number): string {
  return new Dec(n).toFixed();
}

export function readText(cell: CellValue): CellResult<string> {
  if (cell.kind === 'text' && cell.text.length > SHEET_LIMITS.maxCellChars)
    return fail('too_long', `超过 ${SHEET_LIMITS.maxCellChars} 个字符`);
  // Names keep their characters exactly (NFKC would fold some compatibility ideographs).
  if (cell.kind === 'text') return { ok: true, value: cell.text.trim() };
  return plain(cell);
}

/** 家庭编号 / 客户号: Excel keeps 15 significant digits, so a longer number has lost some. */
export function readKey(cell: CellValue): CellResult<string> {
  if (cell.kind === 'number') {
    if (Number.isSafeInteger(cell.value) && cell.value >= 0 && String(cell.value).length <= 15)
      return { ok: true, value: String(cell.value) };
    return fail('number_lost_digits', '以数字格式存储，已丢失部分数字：请把该列设为文本格式后重新导出');
  }
  const t = plain(cell);
  if (!t.ok) return t;
  if (/^\d+(\.\d+)?E\+?\d+$/i.test(t.value))
    return fail('number_lost_digits', '显示为科学计数法，已丢失部分数字：请把该列设为文本格式后重新导出');
  return t;
}

export interface IdNumberFacts {
  birth: { year: number; month: number; day: number };
  gender: 'male' | 'female';
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * A 居民身份证号码 (GB 11643): 18 characters with a check digit, or the old 15-digit form. Only the
 * birth date and gender are read from it; the number itself never enters the profile.
 */
export function readIdNumber(cell: CellValue): CellResult<IdNumberFacts> {
  if (cell.kind === 'number')
    return fail(
      'id_number_as_number',
      '以数字格式存储：18 位证件号码在 Excel 中只保留 15 位有效数字，后几位已丢失。请把该列设为文本格式后重新导出',
    );
  const t = plain(cell);
  if (!t.ok) return t;
  const id = t.value.replace(/\s+/g, '').toUpperCase();
  if (/^\d+(\.\d+)?E\+?\d+$/.test(id))
    return fail(
      'id_number_as_number',
      '显示为科学计数法（如 1.10105E+17），后几位数字已丢失。请把该列设为文本格式后重新导出',
    );
  let y: number, m: number, d: number, genderDigit: number;
  if (/^\d{17}[\dX]$/.test(id)) {
    const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
    if (ID_CHECK[sum % 11] !== id[17]) return fail('invalid_id_number', '的校验位不正确，请核对证件号码');
    [y, m, d, genderDigit] = [
      Number(id.slice(6, 10)),
      Number(id.slice(10, 12)),
      Number(id.slice(12, 14)),
      Number(id[16]),
    ];
  } else if (/^\d{15}$/.test(id)) {
    [y, m, d, genderDigit] = [
      1900 + Number(id.slice(6, 8)),
      Number(id.slice(8, 10)),
      Number(id.slice(10, 12)),
      Number(id[14]),
    ];
  } else {
    return fail('invalid_id_number', '应为 18 位居民身份证号码（最后一位可为 X）');
  }
  if (!isRealDay(y, m, d)) return fail('invalid_id_number', '中的出生日期不是有效日期，请核对证件号码');
  return {
    ok: true,
    value: { birth: { year: y, month: m, day: d }, gender: genderDigit % 2 === 1 ? 'male' : 'female' },
  };
}

/** "12,345.67", "¥12345", "１２３４５" → decimal text in 元. */
export function readMoney(cell: CellValue, unit: MoneyUnit): CellResult<string> {
  let amount: Decimal;
  if (cell.kind === 'number') amount = new Dec(cell.value);
  else {
    const t = plain(cell);
    if (!t.ok) return t;
    const cleaned = t.value.replace(/[,\s¥￥]/g, '');
    // A unit written in the cell must agree with the header's, or the figure is 10,000 times off.
    const withUnit = /^(-?\d+(?:\.\d+)?)(万元|万|元)$/.exec(cleaned);
    if (withUnit && (withUnit[2] === '元') !== (unit === '元'))
      return fail('unit_mismatch', `中写的单位与表头的单位（${unit}）不一致，请只填数字`);
    const text = withUnit ? withUnit[1]! : cleaned;
    if (!/^-?\d+(\.\d+)?$/.test(text))
      return fail('invalid_number', `应为数字（单位：${unit}），如 ${unit === '元' ? '12345.67' : '50.5'}`);
    amount = new Dec(text);
  }
  if (unit === '万元') amount = amount.times(10000);
  return { ok: true, value: amount.toFixed() };
}

/** A percentage → a fraction as decimal text: "3.1", "3.1%" or an Excel 3.10% cell → "0.031". */
export function readPercent(cell: CellValue): CellResult<string> {
  let value: Decimal;
  let explicit: boolean;
  if (cell.kind === 'number') {
    if (cell.percentFormat) return { ok: true, value: new Dec(cell.value).toFixed() };
    value = new Dec(cell.value);
    explicit = false;
  } else {
    const t = plain(cell);
    if (!t.ok) return t;
    const text = t.value.replace(/\s/g, '');
    explicit = text.endsWith('%');
    const body = explicit ? text.slice(0, -1) : text;
    if (!/^-?\d+(\.\d+)?$/.test(body)) return fail('invalid_number', '应为百分数，如 3.1 或 3.1%');
    value = new Dec(body);
  }
  // 0.031 in a "(%)" column is either 0.031% or a fraction someone forgot to scale; no loan
  // charges 0.031%, so ask rather than guess.
  if (!explicit && value.gt(0) && value.lt(0.2))
    return fail('ambiguous_percent', '应填百分数：3.1 表示 3.1%（看起来填的是小数，请核对）');
  return { ok: true, value: value.div(100).toFixed() };
}

export function readInt(cell: CellValue): CellResult<number> {
  if (cell.kind === 'number')
    return Number.isInteger(cell.value) ? { ok: true, value: cell.value } : fail('not_integer', '应为整数');
  const t = plain(cell);
  if (!t.ok) return t;
  const text = t.value.replace(/[,\s]/g, '');
  if (!/^-?\d{1,9}$/.test(text)) return fail('not_integer', '应为整数');
  return { ok: true, value: Number(text) };
}

export interface DayOrMonth {
  year: number;
  month: number;
  day?: number;
}

function isRealDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const DATE_HINT = '应为日期，如 1986-05、1986-05-12 或 1986/5/12';

/** A month or a day, from an Excel date, YYYYMM(DD) digits, or text in the usual Chinese forms. */
export function readDate(cell: CellValue): CellResult<DayOrMonth> {
  if (cell.kind === 'date') {
    const d = cell.value;
    return { ok: true, value: { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() } };
  }
  const t = plain(cell);
  if (!t.ok) return t;
  const text = t.value.replace(/\s/g, '');
  let m = /^(\d{4})(\d{2})(\d{2})?$/.exec(text);
  m ??= /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?|月)?$/.exec(text);
  if (!m) return fail('invalid_date', DATE_HINT);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = m[3] === undefined ? undefined : Number(m[3]);
  if (year < 1900 || year > 2200 || month < 1 || month > 12)
    return fail('invalid_date', '不是有效日期（如 1986-05、1986-05-12 或 1986/5/12）');
  if (day !== undefined && !isRealDay(year, month, day))
    return fail('invalid_date', '不是有效日期（如 1986-05、1986-05-12 或 1986/5/12）');
  return { ok: true, value: { year, month, ...(day === undefined ? {} : { day }) } };
}

export function yearMonthText(d: DayOrMonth): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}`;
}

export function readYesNo(cell: CellValue): CellResult<boolean> {
  if (cell.kind === 'bool') return { ok: true, value: cell.value };
  const t = plain(cell);
  if (!t.ok) return t;
  const w = t.value.toLowerCase();
  if (YES_WORDS.includes(w)) return { ok: true, value: true };
  if (NO_WORDS.includes(w)) return { ok: true, value: false };
  return fail('invalid_enum', '应为"是"或"否"');
}

export function readEnum(
  cell: CellValue,
  values: Readonly<Record<string, string>>,
  hint?: string,
): CellResult<string> {
  const t = plain(cell);
  if (!t.ok) return t;
  const w = t.value.replace(/\s/g, '');
  const code = values[w] ?? values[w.toLowerCase()];
  if (code) return { ok: true, value: code };
  const shown =
    hint ??
    Object.keys(values)
      .filter((k) => /[^ -~]/.test(k))
      .slice(0, 12)
      .join('、');
  return fail('invalid_enum', `应为以下之一：${shown}`);
}
