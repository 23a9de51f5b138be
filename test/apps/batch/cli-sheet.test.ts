/**
 * `finplan batch` on a CRM sheet through the real CLI: a GB18030 CSV whose guests have rare name
 * characters (喆, 䶮 from CJK Ext-A, 𠮷 from Ext-B) gives PDFs with the names exactly as written,
 * the config's event on every plan, and the bad row in errors.csv at its row and column.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeGb18030, generateHousehold, HEADER, rng, toCsv } from '../../../samples/batch/generate.js';
import { ensureBuilt } from '../../helpers/cli.js';
import { pdfToText } from '../../helpers/pdf.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

describe('finplan batch on a GB18030 CRM sheet', () => {
  it('keeps rare name characters exact in the PDFs and reports the bad row where the CRM shows it', async () => {
    const r = rng(7);
    const names = ['王喆', '李䶮', '吉𠮷'];
    const records: Array<Record<string, string>> = [];
    for (const [i, name] of names.entries()) {
      const h = generateHousehold(r, i) as {
        row: Record<string, string>;
        extras: Array<Record<string, string>>;
      };
      h.row['本人姓名'] = name;
      records.push(h.row, ...h.extras);
    }
    const bad = generateHousehold(r, 3) as {
      row: Record<string, string>;
      extras: Array<Record<string, string>>;
    };
    bad.row['风险等级'] = 'C9';
    const badRow = records.length + 2;
    records.push(bad.row, ...bad.extras);

    const dir = mkdtempSync(join(tmpdir(), 'finplan-sheet-cli-'));
    const csv = join(dir, 'salon.csv');
    writeFileSync(csv, encodeGb18030(toCsv({ header: HEADER, records })));
    const config = join(dir, 'batch.json');
    writeFileSync(
      config,
      JSON.stringify({
        event: { name: '冬季理财沙龙', date: '2026-12-06' },
        depthByTier: { T0: 'summary', T1: 'summary', T2: 'summary', T3: 'summary', T4: 'summary' },
      }),
    );
    const out = join(dir, 'out');
    ensureBuilt();
    const run = spawnSync(
      process.execPath,
      [`${ROOT}dist/apps/cli/main.js`, 'batch', csv, '--out', out, '--config', config, '--workers', '2'],
      { encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain('GB18030');

    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
      rows: Array<{ row: number; id: string; status: string; file: string | null }>;
    };
    const ok = manifest.rows.filter((x) => x.status === 'ok');
    expect(ok).toHaveLength(3);
    for (const [i, row] of ok.entries()) {
      const text = (await pdfToText(readFileSync(join(out, row.file!)))).replace(/\s+/g, '');
      expect(text).toContain(names[i]);
      expect(text).toContain('冬季理财沙龙');
      // The file is named by the household id, never by the client's name.
      expect(row.file).toBe(`plans/${row.id}.pdf`);
    }
    const errors = readFileSync(join(out, 'errors.csv'), 'utf8');
    expect(errors).toMatch(new RegExp(`\\r\\n${badRow},SL00004,风险等级,`));
  });
});
