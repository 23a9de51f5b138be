/**
 * Golden pages: the text of every page of every sample's PDF, both editions, committed under
 * test/golden/text as reviewable Chinese (one block per page), and the family sample's cover,
 * summary and forecast-chart pages as low-resolution grey rasters under test/golden/raster, both
 * read with pdfjs (test/helpers/pdf.ts).
 * A change to any word, figure or layout shows up here; after reading the diff (and looking at the
 * pages), regenerate with `UPDATE_GOLDEN=1 npx vitest run test/report/golden-pages.test.ts`.
 * A missing golden file fails the test.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { planFromInput } from '../../src/api.js';
import { loadRenderContext } from '../../src/apps/assets.js';
import type { RenderContext } from '../../src/report/context.js';
import { compose } from '../../src/report/pdf/compose.js';
import {
  parsePgm,
  pdfOutline,
  pdfPageGray,
  pdfPagesText,
  toPgm,
  worstTileDifference,
  type PdfOutlineItem,
} from '../helpers/pdf.js';
import { goodSampleNames, readSample } from '../helpers/samples.js';

const TEXT_DIR = new URL('../golden/text/', import.meta.url).pathname;
const RASTER_DIR = new URL('../golden/raster/', import.meta.url).pathname;
const UPDATE = Boolean(process.env.UPDATE_GOLDEN);
const PAGE_MARK = /^──── 第 (\d+) 页 ────$/m;

/**
 * The pages' text, each under a "──── 第 N 页 ────" line, as the golden file stores it: lines
 * rebuilt from pdfjs's text positions, top to bottom, a table's cells two spaces apart.
 */
async function pagesText(pdf: Buffer): Promise<string[]> {
  return (await pdfPagesText(pdf)).map((p) => p.replace(/[ \t]+$/gm, '').replace(/\n+$/, ''));
}

function readGolden(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split(PAGE_MARK)
    .slice(1)
    .filter((_, i) => i % 2 === 1)
    .map((p) => p.replace(/^\n/, '').replace(/\n+$/, ''));
}

function writeGolden(file: string, pages: string[]): void {
  mkdirSync(TEXT_DIR, { recursive: true });
  writeFileSync(file, pages.map((p, i) => `──── 第 ${i + 1} 页 ────\n${p}\n`).join('\n'));
}

let ctx: RenderContext;
beforeAll(() => {
  ctx = loadRenderContext();
});

describe.each(goodSampleNames())('golden pages of %s', (name) => {
  it.each(['full', 'summary'] as const)('%s edition: the text of every page', async (depth) => {
    const pdf = await compose(planFromInput(readSample(name)), { depth }, ctx);
    const pages = await pagesText(pdf);
    const file = `${TEXT_DIR}${name}.${depth}.txt`;
    if (UPDATE) writeGolden(file, pages);
    expect(existsSync(file), `missing golden file ${file}`).toBe(true);
    const golden = readGolden(file);
    for (let i = 0; i < Math.max(pages.length, golden.length); i++)
      expect(pages[i], `第 ${i + 1} 页 (${file})`).toBe(golden[i]);
  });
});

describe('raster goldens of the family sample', () => {
  let pdf: Buffer;
  let pages: string[];
  let outline: PdfOutlineItem[];
  beforeAll(async () => {
    pdf = await compose(
      planFromInput(readSample('family-with-children-education-and-retirement')),
      { depth: 'full' },
      ctx,
    );
    pages = await pagesText(pdf);
    outline = await pdfOutline(pdf);
  });

  /**
   * The page a section's bookmark leads to, where the heading is a line of its own. (Looking for
   * the first page with the heading as a line found the 目录 when pdftotext put each entry's title
   * and page number on lines of their own: both rasters used to be of the 目录.)
   */
  const pageOf = (heading: string): number => {
    const page = outline.find((o) => o.title === heading)?.destination?.page ?? 0;
    expect(
      pages[page - 1]?.split('\n').some((l) => l.trim() === heading),
      `${heading} on p${page}`,
    ).toBe(true);
    return page;
  };

  it.each<[string, () => number]>([
    ['cover', () => 1],
    ['summary', () => pageOf('摘要')],
    ['forecast-chart', () => pageOf('现金流预测')],
  ])('%s page looks as committed (worst 2 cm tile within 6 grey levels)', async (label, page) => {
    const n = page();
    expect(n).toBeGreaterThan(0);
    const actual = await pdfPageGray(pdf, n, 30);
    const file = `${RASTER_DIR}family-${label}.pgm`;
    if (UPDATE) {
      mkdirSync(RASTER_DIR, { recursive: true });
      writeFileSync(file, toPgm(actual));
    }
    expect(existsSync(file), `missing golden file ${file}`).toBe(true);
    const golden = parsePgm(readFileSync(file));
    expect(worstTileDifference(actual, golden)).toBeLessThanOrEqual(6);
  });
});
