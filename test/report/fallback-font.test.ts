/**
 * The Extension-B fallback font (2 MB) is read only when some text needs it (a rare name
 * character such as 𠮷), and a document that needs it is the same, byte for byte, as with the
 * font read up front.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planFromInput } from '../../src/api.js';
import { FONT_FILES, readRenderAssets } from '../../src/apps/assets.js';
import { createRenderContext } from '../../src/report/context.js';
import { compose } from '../../src/report/pdf/compose.js';
import { readSample } from '../helpers/samples.js';

const RARE_NAMES = new URL('../fixtures/stress-rich-family-rare-names.json', import.meta.url);

describe('the fallback font', () => {
  it('is read when a text first needs it, and gives the same PDF as when read up front', async () => {
    const assets = readRenderAssets();
    let reads = 0;
    const lazy = createRenderContext({
      ...assets,
      fonts: {
        ...assets.fonts,
        fallback: () => {
          reads += 1;
          return readFileSync(FONT_FILES.fallback);
        },
      },
    });
    const eager = createRenderContext({
      ...assets,
      fonts: { ...assets.fonts, fallback: readFileSync(FONT_FILES.fallback) },
    });

    await compose(planFromInput(readSample('family-with-children-education-and-retirement')), {}, lazy);
    expect(reads).toBe(0);

    const rare = planFromInput(JSON.parse(readFileSync(RARE_NAMES, 'utf8')));
    const fromLazy = await compose(rare, {}, lazy);
    expect(reads).toBe(1);
    expect(fromLazy.equals(await compose(rare, {}, eager))).toBe(true);
  }, 60_000);
});
