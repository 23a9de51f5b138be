/**
 * Every sample in every bundled brand and both editions: the brand's names, title and footer are
 * the ones printed (and no other brand's), the pages keep their typography, and the cover wears
 * the brand's colours.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { planFromInput } from '../../src/api.js';
import { loadRenderContext } from '../../src/apps/assets.js';
import type { Plan } from '../../src/engine/plan-types.js';
import type { RenderContext } from '../../src/report/context.js';
import { compose } from '../../src/report/pdf/compose.js';
import { edgeFaults, laidOutPages, lineBreakFaults } from '../helpers/layout.js';
import { meanDifference, pdfPageGray } from '../helpers/pdf.js';
import { goodSampleNames, readSample } from '../helpers/samples.js';

const squash = (s: string) => s.replace(/\s+/g, '');

let ctx: RenderContext;
beforeAll(() => {
  ctx = loadRenderContext();
});

describe.each(goodSampleNames())('%s', (name) => {
  let plan: Plan;
  beforeAll(() => {
    plan = planFromInput(readSample(name));
  });

  it.each(['full', 'summary'] as const)('wears each brand in the %s edition', async (depth) => {
    const covers = [];
    const brands = [...ctx.brands.values()].map((b) => b.theme);
    expect(brands.length).toBeGreaterThanOrEqual(2);
    for (const brand of brands) {
      const pdf = await compose(plan, { depth, brand: brand.name }, ctx);
      const pages = await laidOutPages(pdf);
      const text = pages.map((p) => squash(p.lines.map((l) => l.text).join('')));
      const all = text.join('');
      expect(all, brand.name).toContain(squash(brand.institution));
      expect(squash(text[0]!), `${brand.name} cover`).toContain(squash(brand.reportTitle));
      for (const other of brands.filter((b) => b.institution !== brand.institution))
        expect(all, `${brand.name} shows ${other.name}`).not.toContain(squash(other.institution));
      // The footer on every page after the cover.
      text
        .slice(1)
        .forEach((page, i) => expect(page, `${brand.name} p${i + 2}`).toContain(squash(brand.footer)));
      expect(lineBreakFaults(pages), brand.name).toEqual([]);
      expect(edgeFaults(pages, { watermark: brand.watermark }), brand.name).toEqual([]);
      covers.push(await pdfPageGray(pdf, 1));
    }
    // Two brands, two different covers (colour, logo, title).
    expect(meanDifference(covers[0]!, covers[1]!)).toBeGreaterThan(5);
  });
});
