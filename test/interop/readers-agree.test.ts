/**
 * Two readers, one document: poppler and qpdf read the same PDFs as pdfjs (test/helpers/pdf.ts,
 * which every other test uses) and must agree with it on what a reader of the plan gets: the
 * pages, the characters of every page, the fonts and that they are embedded subsets with Unicode
 * maps, the bookmarks and links, and how the pages look.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { planFromInput } from '../../src/api.js';
import { loadRenderContext } from '../../src/apps/assets.js';
import type { RenderContext } from '../../src/report/context.js';
import { compose } from '../../src/report/pdf/compose.js';
import {
  meanDifference,
  pdfFile,
  pdfFonts,
  pdfLinks,
  pdfOutline,
  pdfPageCount,
  pdfPageGray,
  pdfPagesText,
  type GrayImage,
  type PdfOutlineItem,
} from '../helpers/pdf.js';
import { readSample } from '../helpers/samples.js';
import { parsePdfFonts, popplerPageGray, popplerPagesText, runOk } from './tools.js';

const STRESS = new URL('../fixtures/stress-rich-family-rare-names.json', import.meta.url);
const squash = (s: string) => s.replace(/\s+/g, '');
/** A page's characters, whitespace left out, in code point order: what it says, in any reading order. */
const characters = (s: string) => [...squash(s)].sort().join('');

/** The largest difference between the mean greys of two images' 24 × 24 pixel tiles. */
function worstTileMeanDifference(a: GrayImage, b: GrayImage): number {
  const tile = 24;
  let worst = 0;
  for (let ty = 0; ty < a.height; ty += tile)
    for (let tx = 0; tx < a.width; tx += tile) {
      let sum = 0;
      let n = 0;
      for (let y = ty; y < Math.min(ty + tile, a.height); y++)
        for (let x = tx; x < Math.min(tx + tile, a.width); x++) {
          const i = y * a.width + x;
          sum += a.pixels[i]! - b.pixels[i]!;
          n++;
        }
      worst = Math.max(worst, Math.abs(sum / n));
    }
  return worst;
}

let ctx: RenderContext;
beforeAll(() => {
  ctx = loadRenderContext();
});

describe.each([
  [
    'family-with-children-education-and-retirement',
    'full',
    () => readSample('family-with-children-education-and-retirement'),
  ],
  ['single-parent-chengdu', 'summary', () => readSample('single-parent-chengdu')],
  ['stress-rich-family-rare-names', 'full', () => JSON.parse(readFileSync(STRESS, 'utf8')) as unknown],
] as const)('%s (%s edition)', (_name, depth, input) => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await compose(planFromInput(input()), { depth }, ctx);
  });

  it('has the same pages, and the same characters on every page, for pdftotext and pdfjs', async () => {
    const info = runOk('pdfinfo', [pdfFile(pdf)]);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(await pdfPageCount(pdf)).toBe(pages);
    const poppler = popplerPagesText(pdf);
    const pdfjs = await pdfPagesText(pdf);
    expect(poppler).toHaveLength(pages);
    expect(pdfjs).toHaveLength(pages);
    for (let i = 0; i < pages; i++) expect(characters(pdfjs[i]!), `p${i + 1}`).toBe(characters(poppler[i]!));
  });

  it('reads each pdfjs line as a line of pdftotext -layout', async () => {
    const layout = popplerPagesText(pdf, { layout: true }).map(squash);
    const pdfjs = await pdfPagesText(pdf);
    pdfjs.forEach((page, i) => {
      for (const line of page.split('\n')) expect(layout[i], `p${i + 1}: ${line}`).toContain(squash(line));
    });
  });

  it('lists the same fonts in pdffonts and pdfjs, all embedded subsets with Unicode maps', async () => {
    const poppler = parsePdfFonts(runOk('pdffonts', [pdfFile(pdf)]));
    const pdfjs = await pdfFonts(pdf);
    expect(pdfjs.map((f) => f.name).sort()).toEqual(poppler.map((f) => f.name).sort());
    for (const f of poppler) expect(f, f.name).toMatchObject({ embedded: true, subset: true, unicode: true });
    for (const f of pdfjs) expect(f, f.name).toMatchObject({ embedded: true, subset: true, toUnicode: true });
  });

  it('has the same bookmarks and links for qpdf and pdfjs', async () => {
    interface QpdfOutline {
      title: string;
      destpageposfrom1: number;
      kids: QpdfOutline[];
    }
    type Dict = Record<string, unknown>;
    const json = JSON.parse(
      runOk('qpdf', ['--json=2', '--json-key=outlines', '--json-key=pages', '--json-key=qpdf', pdfFile(pdf)]),
    ) as {
      outlines: QpdfOutline[];
      pages: Array<{ object: string; pageposfrom1: number }>;
      qpdf: [unknown, Record<string, { value?: Dict }>];
    };
    const flatQpdf = (items: QpdfOutline[]): Array<[string, number]> =>
      items.flatMap((o) => [[o.title, o.destpageposfrom1] as [string, number], ...flatQpdf(o.kids)]);
    const flatPdfjs = (items: PdfOutlineItem[]): Array<[string, number]> =>
      items.flatMap((o) => [[o.title, o.destination?.page ?? 0] as [string, number], ...flatPdfjs(o.kids)]);
    const outline = flatQpdf(json.outlines);
    expect(outline.length).toBeGreaterThan(0);
    expect(flatPdfjs(await pdfOutline(pdf))).toEqual(outline);

    // Each page's links, in /Annots order: the rectangle and the named destination (GoTo).
    const object = (ref: unknown) => json.qpdf[1][`obj:${String(ref)}`]?.value ?? {};
    const qpdfLinks = json.pages.flatMap((p) =>
      ((object(p.object)['/Annots'] as string[] | undefined) ?? [])
        .map(object)
        .filter((a) => a['/Subtype'] === '/Link')
        .map((a) => {
          const action = object(a['/A']);
          const dest = String(action['/D'] ?? a['/Dest'] ?? '');
          return { page: p.pageposfrom1, rect: a['/Rect'], dest: dest.replace(/^u:/, '') };
        }),
    );
    const pdfjsLinks = (await pdfLinks(pdf)).map((l) => ({ page: l.page, rect: l.rect, dest: l.destName }));
    expect(pdfjsLinks).toEqual(qpdfLinks);
  });

  it('looks the same drawn by pdftoppm and by pdfjs (2 cm tiles of the same greyness)', async () => {
    // Two rasterisers smooth small glyphs differently (pixel for pixel a text page differs by 3–4
    // grey levels on average), but the ink in each 2 cm tile is the same: a missing line of text,
    // chart or colour band moves a tile's mean by 20 levels or more.
    const pages = await pdfPageCount(pdf);
    for (const page of new Set([1, 2, Math.ceil(pages / 2), pages])) {
      const poppler = popplerPageGray(pdf, page, 30);
      const pdfjs = await pdfPageGray(pdf, page, 30);
      expect([pdfjs.width, pdfjs.height], `p${page} size`).toEqual([poppler.width, poppler.height]);
      expect(meanDifference(pdfjs, poppler), `p${page} mean pixel difference`).toBeLessThan(6);
      expect(worstTileMeanDifference(pdfjs, poppler), `p${page} worst tile`).toBeLessThan(10);
    }
  });
});
