#!/usr/bin/env node
/**
 * Writes the salon batch samples: a mix of households as a branch's CRM would export them, with
 * about 5% bad rows of different kinds planted at known places (tests read them back).
 *
 *   node samples/batch/generate.js                      → samples/batch/salon-200.{csv,gb18030.csv,xlsx} + template.csv
 *   node samples/batch/generate.js --count 1000 --out /tmp/x.csv [--seed 7] [--bad 0.05]
 *                                                       → /tmp/x.csv (and /tmp/x.xlsx with --xlsx)
 *
 * Deterministic: the same seed and count give the same rows (a small seeded PRNG, no clock).
 * Amounts are written as decimal text; the xlsx stores them as Excel numbers, as CRMs do.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The header of the sheet layout (docs/batch.md); a test keeps it equal to templateHeader(). */
export const HEADER = [
  '家庭编号',
  '客户号',
  '记录类型',
  '城市',
  '估值年月',
  ...['本人', '配偶'].flatMap((p) => [
    `${p}姓名`,
    `${p}性别`,
    `${p}出生年月`,
    `${p}证件号码`,
    `${p}职业`,
    `${p}就业类型`,
    `${p}是否退休`,
    `${p}税前月薪(元)`,
    `${p}年终奖(元)`,
    `${p}养老金月领(元)`,
  ]),
  ...[1, 2, 3].flatMap((n) => [`子女${n}姓名`, `子女${n}性别`, `子女${n}出生年月`]),
  '其他年收入(元)',
  '每月必要支出(元)',
  '每月其他支出(元)',
  '活期及现金(万元)',
  '定期存款(万元)',
  '理财及债券(万元)',
  '股票及基金(万元)',
  '自住房产(万元)',
  '投资房产(万元)',
  '其他资产(万元)',
  '房贷余额(万元)',
  '房贷年利率(%)',
  '房贷剩余月数',
  '其他贷款余额(万元)',
  '其他贷款年利率(%)',
  '其他贷款剩余月数',
  '风险等级',
  ...[1, 2].flatMap((n) => [
    `目标${n}类型`,
    `目标${n}名称`,
    `目标${n}对象`,
    `目标${n}年份`,
    `目标${n}金额(万元)`,
    `目标${n}优先级`,
  ]),
  '明细类别',
  '明细名称',
  '明细性别',
  '明细出生年月',
  '明细对象',
  '明细年份',
  '明细金额(万元)',
  '明细年缴保费(元)',
  '明细缴费年数',
  '明细优先级',
];

const MONEY_COLUMNS = new Set(HEADER.filter((h) => /\((元|万元)\)$/.test(h) || h.endsWith('(%)')));
const DATE_COLUMNS = new Set(HEADER.filter((h) => h.endsWith('出生年月') || h === '估值年月'));
const INT_COLUMNS = new Set(HEADER.filter((h) => /(剩余月数|年份|缴费年数)$/.test(h)));
export const VALUATION_MONTH = '2026-11';
const VALUATION_YEAR = 2026;

/** mulberry32: small, fast, good enough for sample data, and the same on every machine. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
  '欧阳',
  '司马',
  '诸葛',
  '上官',
];
// Rare characters a bank's client list really holds: 喆 堃 淼 犇 (in GBK), 䶮 (CJK Ext-A) and 𠮷
// (Ext-B, outside the BMP): GBK turns the last two into '?'.
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '建国',
  '子轩',
  '雨桐',
  '喆',
  '堃',
  '淼',
  '犇',
  '䶮',
  '𠮷',
  '昇',
  '玥',
  '珺',
  '晓',
  '思',
  '嘉怡',
  '浩然',
  '梓涵',
];
const CITIES = [
  '北京',
  '上海',
  '广州',
  '深圳',
  '杭州',
  '成都',
  '武汉',
  '南京',
  '西安',
  '宝鸡',
  '苏州',
  '重庆',
  '天津',
  '长沙',
];
const AREAS = ['110105', '310104', '440305', '330106', '510107', '420106', '320102', '610113'];
const OCCUPATIONS = [
  '工程师',
  '教师',
  '医生',
  '销售经理',
  '会计',
  '公务员',
  '设计师',
  '程序员',
  '护士',
  '个体经营',
];

const pad = (n, w = 2) => String(n).padStart(w, '0');
/** Decimal text of n/100 without float arithmetic on the result: 1234 → "12.34". */
const cents = (n) =>
  n % 100 === 0 ? String(n / 100) : `${Math.floor(n / 100)}.${pad(n % 100)}`.replace(/0$/, '');

/** The first 17 digits of an ID number with its GB 11643 check character appended. */
export function withCheckDigit(body) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

function idNumber(r, year, month, day, gender) {
  return withCheckDigit(
    `${r.pick(AREAS)}${year}${pad(month)}${pad(day)}${pad(r.int(0, 99))}${(r.int(0, 4) * 2 + (gender === '男' ? 1 : 0)) % 10}`,
  );
}

function person(r, surname, yearFrom, yearTo, gender) {
  const g = gender ?? (r.chance(0.5) ? '男' : '女');
  const year = r.int(yearFrom, yearTo);
  const month = r.int(1, 12);
  const day = r.int(1, 28);
  return {
    name: surname + r.pick(GIVEN) + (r.chance(0.5) ? r.pick(GIVEN) : ''),
    gender: g,
    year,
    month,
    day,
  };
}

/** Financial assets (万元, in cents of 万) by tier: under 5万 up to 500万+. */
const TIERS = [
  { weight: 20, lo: 100, hi: 480 },
  { weight: 25, lo: 500, hi: 1990 },
  { weight: 30, lo: 2000, hi: 9900 },
  { weight: 17, lo: 10000, hi: 49000 },
  { weight: 8, lo: 50000, hi: 300000 },
];

function tierOf(r) {
  let x = r.int(1, 100);
  for (const t of TIERS) {
    if (x <= t.weight) return t;
    x -= t.weight;
  }
  return TIERS[0];
}

/**
 * One good household: the household row and its extra rows, as { column: text } objects, plus
 * the typed facts the xlsx writer needs (which cells are dates, the ID numbers).
 */
export function generateHousehold(r, index) {
  const id = `SL${pad(index + 1, 5)}`;
  const kind = r.pick([
    'single',
    'single',
    'couple',
    'family',
    'family',
    'family',
    'single_parent',
    'retired',
    'retired',
  ]);
  const surname = r.pick(SURNAMES);
  const row = {
    家庭编号: id,
    客户号: String(6200000000 + index * 7),
    城市: r.pick(CITIES),
    估值年月: VALUATION_MONTH,
  };
  const extras = [];
  const retired = kind === 'retired';
  const self = retired
    ? person(r, surname, 1952, 1964)
    : person(r, surname, kind === 'single' ? 1990 : 1976, 2000);
  const tier = tierOf(r);
  const put = (p, who, withId) => {
    row[`${p}姓名`] = who.name;
    row[`${p}性别`] = who.gender;
    row[`${p}出生年月`] = `${who.year}-${pad(who.month)}`;
    if (withId) row[`${p}证件号码`] = idNumber(r, who.year, who.month, who.day, who.gender);
    if (retired) {
      row[`${p}就业类型`] = '已退休';
      row[`${p}是否退休`] = '是';
      row[`${p}养老金月领(元)`] = String(r.int(25, 90) * 100);
    } else {
      row[`${p}职业`] = r.pick(OCCUPATIONS);
      row[`${p}就业类型`] = r.pick(['企业职工', '企业职工', '机关事业单位', '个体/自由职业']);
      row[`${p}是否退休`] = '否';
      const monthly = r.int(40, 90) * 100 + (tier.lo >= 10000 ? r.int(100, 400) * 100 : r.int(0, 150) * 100);
      row[`${p}税前月薪(元)`] = String(monthly);
      if (r.chance(0.6)) row[`${p}年终奖(元)`] = String(r.int(1, 30) * 5000);
    }
  };
  put('本人', self, r.chance(0.7));
  let spouse = null;
  if (kind === 'couple' || kind === 'family' || (retired && r.chance(0.7))) {
    spouse = person(
      r,
      r.pick(SURNAMES),
      Math.max(self.year - 4, 1950),
      Math.min(self.year + 4, 2000),
      self.gender === '男' ? '女' : '男',
    );
    put('配偶', spouse, r.chance(0.5));
  }
  const children = [];
  if (kind === 'family' || kind === 'single_parent') {
    const n = r.int(1, 3);
    const firstParentYear = Math.min(self.year, spouse ? spouse.year : self.year);
    for (let i = 0; i < n; i++) {
      const child = person(r, surname, Math.max(firstParentYear + 22, 2006), 2025);
      children.push(child);
      row[`子女${i + 1}姓名`] = child.name;
      row[`子女${i + 1}性别`] = child.gender;
      row[`子女${i + 1}出生年月`] = `${child.year}-${pad(child.month)}`;
    }
  }
  const income = Number(row['本人税前月薪(元)'] ?? row['本人养老金月领(元)'] ?? 5000);
  row['每月必要支出(元)'] = String(Math.round((income * r.int(30, 50)) / 100 / 100) * 100 + 1500);
  if (r.chance(0.6)) row['每月其他支出(元)'] = String(r.int(5, 40) * 100);
  if (r.chance(0.15)) row['其他年收入(元)'] = String(r.int(1, 12) * 5000);
  // Financial assets split over four columns, in cents of 万元.
  const total = r.int(tier.lo, tier.hi);
  const cash = Math.max(50, Math.round(total * 0.15));
  const deposit = Math.round(((total - cash) * r.int(20, 60)) / 100);
  const bond = Math.round(((total - cash - deposit) * r.int(20, 70)) / 100);
  const equity = total - cash - deposit - bond;
  row['活期及现金(万元)'] = cents(cash);
  if (deposit > 0) row['定期存款(万元)'] = cents(deposit);
  if (bond > 0) row['理财及债券(万元)'] = cents(bond);
  if (equity > 0) row['股票及基金(万元)'] = cents(equity);
  const owns = retired || r.chance(kind === 'single' ? 0.3 : 0.75);
  if (owns) row['自住房产(万元)'] = String(r.int(80, 900));
  if (tier.lo >= 10000 && r.chance(0.5)) row['投资房产(万元)'] = String(r.int(150, 1200));
  if (owns && !retired && self.year >= 1980 && r.chance(0.7)) {
    row['房贷余额(万元)'] = String(r.int(30, 300));
    row['房贷年利率(%)'] = r.pick(['3.1', '3.25', '3.5', '2.85', '3.95']);
    row['房贷剩余月数'] = String(r.int(60, 300));
  }
  if (!retired && r.chance(0.12)) {
    row['其他贷款余额(万元)'] = String(r.int(2, 20));
    row['其他贷款年利率(%)'] = r.pick(['4.5', '6', '8.5']);
    row['其他贷款剩余月数'] = String(r.int(6, 48));
  }
  row['风险等级'] = r.pick(retired ? ['C1', 'C2', '稳健型'] : ['C2', 'C3', 'C3', 'C4', 'C5', '平衡型']);
  // Goals: education for a child under 17, retirement for those still working, a purchase.
  const goals = [];
  const young = children.find((c) => VALUATION_YEAR - c.year <= 16);
  if (young) goals.push({ 类型: '子女教育', 名称: '大学教育金', 对象: `子女${children.indexOf(young) + 1}` });
  if (!retired && r.chance(0.5)) goals.push({ 类型: '退休养老', 对象: '本人' });
  if (!retired && r.chance(0.5))
    goals.push(
      r.chance(0.5)
        ? { 类型: '购车', 名称: '换车', 年份: String(r.int(2027, 2032)), '金额(万元)': String(r.int(10, 40)) }
        : {
            类型: '购房',
            名称: '改善住房首付',
            年份: String(r.int(2028, 2034)),
            '金额(万元)': String(r.int(50, 300)),
            优先级: '重要',
          },
    );
  if (retired && r.chance(0.4))
    goals.push({
      类型: '旅行',
      名称: '出国旅行',
      年份: String(r.int(2027, 2029)),
      '金额(万元)': String(r.int(2, 8)),
    });
  goals.slice(0, 2).forEach((g, i) => {
    for (const [k, v] of Object.entries(g))
      row[k.startsWith('金额') ? `目标${i + 1}金额(万元)` : `目标${i + 1}${k}`] = v;
  });
  for (const g of goals.slice(2))
    extras.push({
      家庭编号: id,
      记录类型: '目标',
      明细类别: g.类型,
      明细名称: g.名称 ?? '',
      明细对象: g.对象 ?? '',
      明细年份: g.年份 ?? '',
      '明细金额(万元)': g['金额(万元)'] ?? '',
    });
  // Policies and extra members on their own rows.
  if (r.chance(0.35))
    extras.push({
      家庭编号: id,
      记录类型: '保单',
      明细类别: r.pick(['重疾险', '定期寿险', '医疗险', '意外险']),
      明细名称: '已有保单',
      明细对象: '本人',
      '明细金额(万元)': String(r.int(10, 100)),
      '明细年缴保费(元)': String(r.int(3, 120) * 100),
      明细缴费年数: String(r.int(0, 20)),
    });
  if (children.length > 0 && r.chance(0.3))
    extras.push({
      家庭编号: id,
      记录类型: '保单',
      明细类别: '医疗险',
      明细名称: '少儿医疗险',
      明细对象: '子女1',
      '明细金额(万元)': '100',
      '明细年缴保费(元)': '300',
      明细缴费年数: '1',
    });
  if (!retired && self.year <= 1992 && r.chance(0.1)) {
    const parent = person(r, surname, self.year - 35, self.year - 24, '男');
    extras.push({
      家庭编号: id,
      记录类型: '成员',
      明细类别: '父亲',
      明细名称: parent.name,
      明细出生年月: `${parent.year}-${pad(parent.month)}`,
    });
  }
  return { id, row, extras };
}

/** Bad rows of different kinds: each spoils one good household in one known cell. */
const PLANTS = [
  { code: 'required', column: '城市', spoil: (row) => delete row['城市'] },
  { code: 'invalid_number', column: '本人税前月薪(元)', spoil: (row) => (row['本人税前月薪(元)'] = '两万') },
  { code: 'invalid_date', column: '本人出生年月', spoil: (row) => (row['本人出生年月'] = '1985-13-01') },
  {
    code: 'id_number_as_number',
    column: '本人证件号码',
    spoil: (row) => {
      row['本人证件号码'] = '110105198605120035';
      row.__idAsNumber = true;
    },
  },
  { code: 'invalid_enum', column: '风险等级', spoil: (row) => (row['风险等级'] = 'C6') },
  {
    code: 'child_older_than_parent',
    column: '子女1出生年月',
    spoil: (row) => {
      row['子女1姓名'] ??= '测试子女';
      row['子女1性别'] ??= '女';
      row['子女1出生年月'] = '1950-01';
    },
  },
  {
    code: 'required',
    column: '房贷年利率(%)',
    spoil: (row) => {
      row['房贷余额(万元)'] ??= '80';
      row['房贷剩余月数'] ??= '120';
      delete row['房贷年利率(%)'];
    },
  },
  { code: 'out_of_range', column: '活期及现金(万元)', spoil: (row) => (row['活期及现金(万元)'] = '-3') },
  {
    code: 'goal_in_past',
    column: '目标2年份',
    spoil: (row) =>
      Object.assign(row, {
        目标2类型: '购车',
        目标2名称: '换车',
        目标2年份: '2020',
        '目标2金额(万元)': '20',
        目标2对象: '',
        目标2优先级: '',
      }),
  },
  {
    code: 'invalid_id_number',
    column: '本人证件号码',
    spoil: (row) => (row['本人证件号码'] = '110105198605120036'),
  },
];

/**
 * The sample sheet: `count` households, every 20th (from the 8th) spoiled by one plant in turn,
 * and one orphan 保单 row whose 家庭编号 has no household row.
 */
export function generateSalon({ count = 200, seed = 20261206, badEvery = 20 } = {}) {
  const r = rng(seed);
  const records = [];
  const planted = [];
  let plant = 0;
  for (let i = 0; i < count; i++) {
    const h = generateHousehold(r, i);
    const bad = i % badEvery === 7 && count >= 10;
    let p = null;
    if (bad) {
      p = PLANTS[plant++ % PLANTS.length];
      p.spoil(h.row);
    }
    const rowNumber = records.length + 2;
    records.push(h.row, ...h.extras);
    if (p) planted.push({ row: rowNumber, id: h.id, column: p.column, code: p.code });
  }
  if (count >= 10) {
    const orphanRow = records.length + 2;
    records.push({
      家庭编号: 'SL-ORPHAN',
      记录类型: '保单',
      明细类别: '重疾险',
      明细对象: '本人',
      '明细金额(万元)': '30',
      '明细年缴保费(元)': '3000',
      明细缴费年数: '10',
    });
    planted.push({ row: orphanRow, id: 'SL-ORPHAN', column: '家庭编号', code: 'orphan_row' });
  }
  return { header: HEADER, records, planted };
}

// --- writers --------------------------------------------------------------------------------

function csvCell(text) {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV text as Excel writes it: CRLF; an ID number stored as a number shows in scientific notation. */
export function toCsv({ header, records }) {
  const lines = [header.map(csvCell).join(',')];
  for (const rec of records)
    lines.push(
      header
        .map((h) => {
          const v = rec[h] ?? '';
          if (rec.__idAsNumber && h === '本人证件号码')
            return Number(v).toExponential(5).toUpperCase().replace('E+', 'E+');
          return csvCell(v);
        })
        .join(','),
    );
  return lines.join('\r\n') + '\r\n';
}

let gbTable = null;
/** Encode text as GB18030 (Node decodes GB18030 but has no encoder): a table built by decoding. */
export function encodeGb18030(text) {
  if (!gbTable) {
    gbTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let b1 = 0x81; b1 <= 0xfe; b1++)
      for (let b2 = 0x40; b2 <= 0xfe; b2++) {
        if (b2 === 0x7f) continue;
        const s = dec.decode(Uint8Array.of(b1, b2));
        if (s.length === 1 && s !== '\ufffd' && !gbTable.has(s)) gbTable.set(s, [b1, b2]);
      }
    for (let b1 = 0x81; b1 <= 0x84; b1++)
      for (let b2 = 0x30; b2 <= 0x39; b2++)
        for (let b3 = 0x81; b3 <= 0xfe; b3++)
          for (let b4 = 0x30; b4 <= 0x39; b4++) {
            const s = dec.decode(Uint8Array.of(b1, b2, b3, b4));
            if (s.length === 1 && s !== '\ufffd' && !gbTable.has(s)) gbTable.set(s, [b1, b2, b3, b4]);
          }
  }
  const out = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp < 0x80) out.push(cp);
    else if (cp >= 0x10000) {
      // Supplementary planes are one linear range from 0x90308130.
      let l = cp - 0x10000;
      const b4 = 0x30 + (l % 10);
      l = Math.floor(l / 10);
      const b3 = 0x81 + (l % 126);
      l = Math.floor(l / 126);
      const b2 = 0x30 + (l % 10);
      out.push(0x90 + Math.floor(l / 10), b2, b3, b4);
    } else {
      const bytes = gbTable.get(ch);
      if (!bytes) throw new Error(`no GB18030 code for U+${cp.toString(16)}`);
      out.push(...bytes);
    }
  }
  const buf = Buffer.from(out);
  if (new TextDecoder('gb18030', { fatal: true }).decode(buf) !== text)
    throw new Error('GB18030 round trip failed');
  return buf;
}

/** The same sheet as XLSX with Excel's types: numbers, dates, ID numbers as text. */
export async function toXlsx({ header, records }) {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'finplan samples';
  wb.created = wb.modified = new Date(Date.UTC(2026, 10, 1));
  const ws = wb.addWorksheet('家庭');
  ws.addRow(header);
  for (const rec of records) {
    const values = header.map((h) => {
      const v = rec[h];
      if (v === undefined || v === '') return null;
      if (h.endsWith('证件号码') || h === '家庭编号' || h === '客户号')
        return rec.__idAsNumber && h === '本人证件号码' ? Number(v) : v;
      if (DATE_COLUMNS.has(h) && /^\d{4}-\d{2}$/.test(v))
        return new Date(Date.UTC(Number(v.slice(0, 4)), Number(v.slice(5)) - 1, 1));
      if ((MONEY_COLUMNS.has(h) || INT_COLUMNS.has(h)) && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
      return v;
    });
    const row = ws.addRow(values);
    header.forEach((h, i) => {
      const cell = row.getCell(i + 1);
      if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm';
      if (h.endsWith('证件号码') && typeof cell.value === 'string') cell.numFmt = '@';
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Two example households for the template: a young family and a retired couple. */
export function templateRecords() {
  return [
    {
      家庭编号: 'F0001',
      客户号: '6200000001',
      城市: '北京',
      估值年月: '2026-11',
      本人姓名: '张喆',
      本人性别: '男',
      本人出生年月: '1988-05',
      本人证件号码: withCheckDigit('11010519880512001'),
      本人职业: '工程师',
      本人就业类型: '企业职工',
      本人是否退休: '否',
      '本人税前月薪(元)': '25000',
      '本人年终奖(元)': '60000',
      配偶姓名: '李堃',
      配偶性别: '女',
      配偶出生年月: '1990-09',
      配偶就业类型: '机关事业单位',
      '配偶税前月薪(元)': '12000',
      子女1姓名: '张一一',
      子女1性别: '女',
      子女1出生年月: '2018-03',
      '每月必要支出(元)': '12000',
      '每月其他支出(元)': '3000',
      '活期及现金(万元)': '8',
      '定期存款(万元)': '30',
      '理财及债券(万元)': '20',
      '股票及基金(万元)': '10',
      '自住房产(万元)': '600',
      '房贷余额(万元)': '180',
      '房贷年利率(%)': '3.1',
      房贷剩余月数: '264',
      风险等级: 'C3',
      目标1类型: '子女教育',
      目标1名称: '大学教育金',
      目标1对象: '子女1',
      目标2类型: '购车',
      目标2名称: '换车',
      目标2年份: '2029',
      '目标2金额(万元)': '25',
    },
    {
      家庭编号: 'F0002',
      客户号: '6200000002',
      城市: '成都',
      估值年月: '2026-11',
      本人姓名: '欧阳建国',
      本人性别: '男',
      本人出生年月: '1960-02',
      本人就业类型: '已退休',
      本人是否退休: '是',
      '本人养老金月领(元)': '6200',
      配偶姓名: '王秀英',
      配偶性别: '女',
      配偶出生年月: '1963-07',
      配偶是否退休: '是',
      '配偶养老金月领(元)': '4100',
      '每月必要支出(元)': '5000',
      '活期及现金(万元)': '5',
      '定期存款(万元)': '60',
      '理财及债券(万元)': '40',
      '自住房产(万元)': '180',
      风险等级: 'C2',
      目标1类型: '旅行',
      目标1名称: '出国旅行',
      目标1年份: '2027',
      '目标1金额(万元)': '5',
    },
    {
      家庭编号: 'F0002',
      记录类型: '保单',
      明细类别: '医疗险',
      明细名称: '惠民保',
      明细对象: '配偶',
      '明细金额(万元)': '100',
      '明细年缴保费(元)': '150',
      明细缴费年数: '1',
    },
  ];
}

function args(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--xlsx') out.xlsx = true;
    else if (a.startsWith('--')) out[a.slice(2)] = argv[++i];
  }
  return out;
}

async function main() {
  const a = args(process.argv.slice(2));
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  if (a.out) {
    const sheet = generateSalon({ count: Number(a.count ?? 1000), seed: Number(a.seed ?? 20261206) });
    writeFileSync(a.out, Buffer.concat([bom, Buffer.from(toCsv(sheet))]));
    if (a.xlsx) writeFileSync(a.out.replace(/\.csv$/i, '') + '.xlsx', await toXlsx(sheet));
    console.log(`${a.out}: ${sheet.records.length} 行，${sheet.planted.length} 处预置错误`);
    return;
  }
  const here = dirname(fileURLToPath(import.meta.url));
  const sheet = generateSalon({ count: 200 });
  const csv = toCsv(sheet);
  writeFileSync(join(here, 'salon-200.csv'), Buffer.concat([bom, Buffer.from(csv)]));
  writeFileSync(join(here, 'salon-200.gb18030.csv'), encodeGb18030(csv));
  writeFileSync(join(here, 'salon-200.xlsx'), await toXlsx(sheet));
  writeFileSync(
    join(here, 'template.csv'),
    Buffer.concat([bom, Buffer.from(toCsv({ header: HEADER, records: templateRecords() }))]),
  );
  console.log(`salon-200: ${sheet.records.length} 行，${sheet.planted.length} 处预置错误`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
