import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { planFromInput, validate } from '../../../src/api.js';
import { errorsCsvText } from '../../../src/apps/batch/errors-csv.js';
import { rejectedEntry } from '../../../src/apps/batch/run.js';
import {
  loadBatchConfig,
  readBatchSheet,
  templateHeader,
  type InvalidHousehold,
} from '../../../src/apps/batch/sheet/index.js';
import { failedChecks } from '../../../src/engine/audit.js';
import { FinplanError } from '../../../src/errors.js';
import { generateHousehold, HEADER, rng, toCsv, withCheckDigit } from '../../../samples/batch/generate.js';
import { sample, tempFile } from './helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- profiles are plain JSON read back in tests
type Loose = Record<string, any>;
const ID = withCheckDigit('11010519860512003');

async function xlsx(build: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('家庭'));
  return tempFile(Buffer.from(await wb.xlsx.writeBuffer()), '.xlsx');
}

async function refused(path: string, opts = {}): Promise<FinplanError> {
  try {
    await readBatchSheet(path, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(FinplanError);
    expect((err as FinplanError).message).toMatch(/[\u4e00-\u9fff]/);
    return err as FinplanError;
  }
  throw new Error('expected the sheet to be refused');
}

describe('layout', () => {
  it("the generator's header is the layout's template header", () => {
    expect(HEADER).toEqual(templateHeader());
  });

  it('template.csv holds two valid households, one with a policy row', async () => {
    const r = await readBatchSheet(sample('template.csv'), {});
    expect(r.invalid).toEqual([]);
    expect(r.households.map((h) => [h.id, h.rows])).toEqual([
      ['F0001', [2]],
      ['F0002', [3, 4]],
    ]);
    const f2 = r.households[1]!.profile as { insurance: { insuredId: string; sumAssured: string }[] };
    expect(f2.insurance).toEqual([expect.objectContaining({ insuredId: 'spouse', sumAssured: '1000000' })]);
  });
});

describe('XLSX', () => {
  it('keeps numeric-looking IDs as text, reads dates and percentages, and handles merged group headers', async () => {
    const path = await xlsx((ws) => {
      ws.getCell('A1').value = '家庭编号';
      ws.mergeCells('A1:A2');
      ws.getCell('B1').value = '本人';
      ws.mergeCells('B1:E1');
      ['姓名', '出生年月', '证件号码', '性别'].forEach((h, i) => (ws.getRow(2).getCell(i + 2).value = h));
      ws.getCell('F1').value = '城市';
      ws.mergeCells('F1:F2');
      ws.getCell('G1').value = '房贷';
      ws.mergeCells('G1:I1');
      ['房贷余额(万元)', '房贷年利率(%)', '房贷剩余月数'].forEach(
        (h, i) => (ws.getRow(2).getCell(i + 7).value = h),
      );
      ws.getCell('J1').value = '风险等级';
      ws.mergeCells('J1:J2');
      ws.addRow([
        '000123',
        '王䶮',
        new Date(Date.UTC(1986, 4, 1)),
        ID,
        '男',
        '杭州',
        150.5,
        0.031,
        240,
        'C3',
      ]);
      ws.getCell('H3').numFmt = '0.00%';
      ws.addRow([
        '000124',
        '李𠮷',
        '1990-01',
        Number('110105199001010021'),
        '女',
        '杭州',
        null,
        null,
        null,
        'C2',
      ]);
    });
    const r = await readBatchSheet(path, { config: { valuationMonth: '2026-11' } });
    expect(r.households.map((h) => h.id)).toEqual(['000123']);
    const p = r.households[0]!.profile as Loose;
    expect(p.members[0]).toMatchObject({ name: '王䶮', birthMonth: '1986-05', gender: 'male' });
    expect(p.liabilities[0]).toMatchObject({ balance: '1505000', annualRate: '0.031', monthsLeft: 240 });
    expect(r.invalid).toEqual([
      {
        id: '000124',
        rows: [4],
        // A two-row header's column is shown by the group and its name, as the CRM user reads it.
        issues: [expect.objectContaining({ row: 4, column: '本人证件号码', code: 'id_number_as_number' })],
      },
    ]);
  });

  it('refuses a corrupt workbook and an old .xls with a message', async () => {
    const zipJunk = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    expect((await refused(tempFile(zipJunk, '.xlsx'))).code).toBe('FINPLAN_E_SHEET_INVALID');
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), Buffer.alloc(100)]);
    expect((await refused(tempFile(xls, '.xls'))).message).toContain('.xlsx');
  });
});

describe('header mapping', () => {
  it("reads another CRM's column names through the map and reports errors under the CRM's names", async () => {
    const csv = [
      '户号,客户姓名,客户性别,出生日期,所在城市,活期余额,房贷本金余额,房贷利率,房贷剩余期数,风险测评结果,备注',
      `A1,赵喆,男,1980-02,南京,"123,456.78",500000,3.2%,120,C4,VIP`,
      'A2,钱堃,女,1982-03,南京,abc,,,,C2,',
    ].join('\n');
    const r = await readBatchSheet(tempFile(csv), {
      map: sample('headers-map.example.json'),
      config: { valuationMonth: '2026-11' },
    });
    expect(r.households.map((h) => h.id)).toEqual(['A1']);
    const p = r.households[0]!.profile as Loose;
    expect(p.assets[0]).toMatchObject({ type: 'cash', value: '123456.78' });
    expect(p.liabilities[0]).toMatchObject({ balance: '500000', annualRate: '0.032', monthsLeft: 120 });
    expect(r.invalid[0]!.issues).toEqual([
      expect.objectContaining({ row: 3, column: '活期余额', code: 'invalid_number' }),
    ]);
    expect(r.notices.join()).toContain('「备注」');
  });
});

describe('batch config', () => {
  it('loads the example and puts planner, event and render options on every household', async () => {
    const config = loadBatchConfig(sample('batch.example.json'));
    const r = await readBatchSheet(sample('template.csv'), { config });
    const h = r.households[0]!;
    expect(h.options).toEqual({ brand: 'default', depthByTier: config.depthByTier, watermark: true });
    expect((h.profile as Loose).report).toMatchObject({
      reportNumber: 'F0001',
      planner: { name: '雷亚莉' },
      event: { name: '2026 冬季理财沙龙', date: '2026-12-06' },
    });
  });

  it('is strict: an unknown key is an error naming it', () => {
    const path = tempFile(JSON.stringify({ brand: 'default', watermak: true }), '.json');
    expect(() => loadBatchConfig(path)).toThrow(/watermak/);
  });
});

describe('errors.csv', () => {
  it('neutralises formula injection in every cell and opens in Excel (UTF-8 BOM)', () => {
    const invalid: InvalidHousehold[] = [
      {
        id: '=HYPERLINK("x")',
        rows: [2],
        issues: [
          { row: 2, column: '+cmd', code: 'x', message: '=1+2' },
          { row: 2, column: '-2', code: 'x', message: '@SUM(A1)' },
          { row: 3, column: '\tx', code: 'x', message: '\r=evil' },
          { row: 4, column: '＝全角', code: 'x', message: '正常的中文说明' },
        ],
      },
      {
        id: null,
        rows: [9],
        issues: [{ row: 9, column: '', code: 'orphan_row', message: '「家庭编号」没有对应的家庭行' }],
      },
    ];
    const text = errorsCsvText(invalid.map(rejectedEntry));
    expect(text.startsWith('\uFEFF行号,家庭编号,列,问题代码,问题\r\n')).toBe(true);
    const rows = parse(text.slice(1), { relax_column_count: false }) as string[][];
    expect(rows[0]).toEqual(['行号', '家庭编号', '列', '问题代码', '问题']);
    for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r＝]/);
    expect(rows[1]).toEqual(['2', `'=HYPERLINK("x")`, "'+cmd", 'x', "'=1+2"]);
    expect(rows[4]).toEqual(['4', `'=HYPERLINK("x")`, "'＝全角", 'x', '正常的中文说明']);
    expect(rows[5]).toEqual(['9', '', '', 'orphan_row', '「家庭编号」没有对应的家庭行']);
  });
});

describe('strange input gives a clear error, never a crash', () => {
  const header = templateHeader().join(',');
  it.each([
    ['an empty file', ''],
    ['only headers', `${header}\r\n`],
    ['only headers and blank lines', `${header}\r\n,,,\r\n\r\n`],
    ['a missing required column', '家庭编号,本人姓名\r\nA,王五\r\n'],
    ['an unclosed quote', `${header}\r\nA,"B,C\r\n`],
    ['binary garbage', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
    ['bytes that are no encoding', Buffer.from([0x41, 0x2c, 0xff, 0xfe, 0xfd, 0x80, 0x81, 0x0a])],
    ['a huge cell', `${header}\r\nA,,,${'北'.repeat(300_000)}\r\n`],
  ])('%s', async (_, content) => {
    const err = await refused(tempFile(content));
    expect(err.code).toMatch(/^FINPLAN_E_(SHEET_INVALID|INPUT_ENCODING)$/);
  });

  it('a missing file', async () => {
    expect((await refused('/nonexistent/sheet.csv')).code).toBe('FINPLAN_E_INPUT_NOT_FOUND');
  });

  it('a long cell costs only its household', async () => {
    const csv = `城市,本人姓名,家庭编号\r\n北京,${'长'.repeat(5000)},A\r\n北京,王五,B\r\n`;
    const r = await readBatchSheet(tempFile(csv), { config: { valuationMonth: '2026-11' } });
    expect(r.invalid.find((i) => i.id === 'A')!.issues[0]).toMatchObject({
      column: '本人姓名',
      code: 'too_long',
    });
    expect(r.invalid.find((i) => i.id === 'B')).toBeDefined(); // no birth month, gender or risk: reported, not thrown
  });

  it('an unsafe family id becomes a hash, never the name', async () => {
    const csv = `家庭编号,城市,本人姓名,本人性别,本人出生年月,风险等级\r\n../王家,北京,王五,男,1980-01,C3\r\n`;
    const r = await readBatchSheet(tempFile(csv), { config: { valuationMonth: '2026-11' } });
    expect(r.households[0]!.id).toMatch(/^h-[0-9a-f]{16}$/);
  });
});

describe('property: any generated household row round-trips to a valid profile', () => {
  it('CSV → readBatchSheet → validate', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const h = generateHousehold(rng(seed), seed % 9000);
        const r = await readBatchSheet(
          tempFile(toCsv({ header: HEADER, records: [h.row, ...h.extras] })),
          {},
        );
        expect(r.invalid).toEqual([]);
        expect(r.households).toHaveLength(1);
        expect(validate(r.households[0]!.profile).ok).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('every good household of salon-200 plans', () => {
  it('planFromInput succeeds with no failed audit check', async () => {
    const r = await readBatchSheet(sample('salon-200.csv'), {});
    const failures: string[] = [];
    for (const h of r.households) {
      try {
        const plan = planFromInput(h.profile, { risk: { trials: 200, candidateTrials: 100 } });
        const failed = failedChecks(plan);
        if (failed.length > 0) failures.push(`${h.id}: audit ${failed.map((c) => c.id).join(',')}`);
      } catch (err) {
        failures.push(`${h.id}: ${(err as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
