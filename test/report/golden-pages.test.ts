/**
 * Golden pages: the text of every page of every sample's PDF, both editions, committed under
 * test/golden/text as reviewable Chinese (one block per page), and the family sample's cover,
 * summary and forecast-chart pages as low-resolution grey rasters under test/golden/raster.
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
import { parsePgm, pdfPageGray, pdfToText, worstTileDifference } from '../helpers/pdf.js';
import { goodSampleNames, readSample } from '../helpers/samples.js';

const TEXT_DIR = new URL('../golden/text/', import.meta.url).pathname;
const RASTER_DIR = new URL('../golden/raster/', import.meta.url).pathname;
const UPDATE = Boolean(process.env.UPDATE_GOLDEN);
const PAGE_MARK = /^──── 第 (\d+) 页 ────$/m;

/** The pages' text, each under a "──── 第 N 页 ────" line, as the golden file stores it. */
function pagesText(pdf: Buffer): string[] {
  const pages = pdfToText(pdf).split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages.map((p) => p.replace(/[ \t]+$/gm, '').replace(/\n+$/, ''));
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
    const pages = pagesText(pdf);
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
  beforeAll(async () => {
    pdf = await compose(
      planFromInput(readSample('family-with-children-education-and-retirement')),
      { depth: 'full' },
      ctx,
    );
    pages = pagesText(pdf);
  });

  const pageOf = (heading: string): number =>
    pages.findIndex((p) => p.split('\n').some((l) => l.trim() === heading)) + 1;

  it.each<[string, () => number]>([
    ['cover', () => 1],
    ['summary', () => pageOf('摘要')],
    ['forecast-chart', () => pageOf('现金流预测')],
  ])('%s page looks as committed (worst 2 cm tile within 6 grey levels)', (label, page) => {
    const n = page();
    expect(n).toBeGreaterThan(0);
    const actual = pdfPageGray(pdf, n, 30);
    const file = `${RASTER_DIR}family-${label}.pgm`;
    if (UPDATE) {
      mkdirSync(RASTER_DIR, { recursive: true });
      writeFileSync(
        file,
        Buffer.concat([Buffer.from(`P5\n${actual.width} ${actual.height}\n255\n`, 'latin1'), actual.pixels]),
      );
    }
    expect(existsSync(file), `missing golden file ${file}`).toBe(true);
    const golden = parsePgm(readFileSync(file));
    expect(worstTileDifference(actual, golden)).toBeLessThanOrEqual(6);
  });
});
