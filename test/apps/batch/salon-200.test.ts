import { describe, expect, it } from 'vitest';
import { validate } from '../../../src/api.js';
import { readBatchSheet, type SheetReadResult } from '../../../src/apps/batch/sheet/index.js';
import { generateSalon } from '../../../samples/batch/generate.js';
import { sample } from './helpers.js';

const salon = generateSalon({ count: 200 });
const planted = salon.planted;
const goodIds = [...new Set(salon.records.map((r) => r['家庭编号']!))].filter(
  (id) => !planted.some((p) => p.id === id),
);

describe.each([
  ['salon-200.csv', 'csv', 'UTF-8 BOM'],
  ['salon-200.gb18030.csv', 'csv', 'GB18030'],
  ['salon-200.xlsx', 'xlsx', undefined],
] as const)('%s', (file, format, encoding) => {
  let result: SheetReadResult;
  it('reads every good household exactly once, each a valid profile', async () => {
    result = await readBatchSheet(sample(file), {});
    expect(result.source).toEqual(encoding ? { format, encoding } : { format });
    expect(goodIds).toHaveLength(190);
    expect(result.households.map((h) => h.id).sort()).toEqual([...goodIds].sort());
    for (const h of result.households) expect(validate(h.profile).ok).toBe(true);
  });

  it('reports each planted bad row at its row and column with a Chinese message', () => {
    expect(result.invalid.map((i) => i.id).sort()).toEqual(planted.map((p) => p.id).sort());
    for (const p of planted) {
      const household = result.invalid.find((i) => i.id === p.id)!;
      expect(household.rows).toContain(p.row);
      const issue = household.issues.find(
        (i) => i.row === p.row && i.column === p.column && i.code === p.code,
      );
      expect(issue, `${p.code} at row ${p.row} 「${p.column}」`).toBeDefined();
      expect(issue!.message).toMatch(/^「.+」.*[\u4e00-\u9fff]/);
    }
  });
});

describe('the three files agree', () => {
  it('give the same profiles (rare-character names exact after GB18030 and XLSX)', async () => {
    const [csv, gb, xlsx] = (await Promise.all(
      ['salon-200.csv', 'salon-200.gb18030.csv', 'salon-200.xlsx'].map((f) => readBatchSheet(sample(f), {})),
    )) as [SheetReadResult, SheetReadResult, SheetReadResult];
    const byId = (r: SheetReadResult) => Object.fromEntries(r.households.map((h) => [h.id, h.profile]));
    expect(byId(gb)).toEqual(byId(csv));
    expect(byId(xlsx)).toEqual(byId(csv));
    const names = gb.households.flatMap((h) =>
      (h.profile as { members: { name: string }[] }).members.map((m) => m.name),
    );
    for (const rare of ['𠮷', '䶮', '喆', '堃'])
      expect(
        names.some((n) => n.includes(rare)),
        rare,
      ).toBe(true);
    const expected = salon.records
      .flatMap((r) => [r['本人姓名'], r['配偶姓名']])
      .filter((n): n is string => !!n);
    const read = new Set(names);
    // Every name of a good household arrives character for character.
    for (const h of gb.households) {
      const rec = salon.records.find((r) => r['家庭编号'] === h.id && !r['记录类型'])!;
      expect(read.has(rec['本人姓名']!)).toBe(true);
    }
    expect(expected.length).toBeGreaterThan(200);
  });
});
