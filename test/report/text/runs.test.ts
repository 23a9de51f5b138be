import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fontCoverage,
  missingCharacters,
  splitRuns,
  type GlyphCoverage,
} from '../../../src/report/pdf/text/runs.js';
import { fontkitFonts } from './fixtures.js';

/** A body font for everything below Extension B, a fallback for Extension B only. */
const body: GlyphCoverage = { name: 'body', hasGlyph: (cp) => cp < 0x20000 };
const extB: GlyphCoverage = { name: 'extb', hasGlyph: (cp) => cp >= 0x20000 && cp <= 0x2a6df };
const fonts = [body, extB];

describe('splitRuns', () => {
  it('splits by font, keeping surrogate pairs whole', () => {
    const runs = splitRuns('张𠮷先生与𡈼𪚥', fonts);
    expect(runs).toEqual([
      { text: '张', font: 'body' },
      { text: '𠮷', font: 'extb' },
      { text: '先生与', font: 'body' },
      { text: '𡈼𪚥', font: 'extb' },
    ]);
    expect(runs[1]?.text.length).toBe(2); // one character, two UTF-16 units
  });

  it('keeps a space in the current run when that font has it, else uses the first font that has it', () => {
    const spaceInExtB: GlyphCoverage = { name: 'extb', hasGlyph: (cp) => cp === 0x20 || extB.hasGlyph(cp) };
    expect(splitRuns('𠮷 𠮷', [body, spaceInExtB])).toEqual([{ text: '𠮷 𠮷', font: 'extb' }]);
    expect(splitRuns('𠮷 𠮷', fonts)).toEqual([
      { text: '𠮷', font: 'extb' },
      { text: ' ', font: 'body' },
      { text: '𠮷', font: 'extb' },
    ]);
  });

  it('gives a character no font has a run of its own with font null, never drops it', () => {
    expect(splitRuns('王\u{10FFFD}明', fonts)).toEqual([
      { text: '王', font: 'body' },
      { text: '\u{10FFFD}', font: null },
      { text: '明', font: 'body' },
    ]);
  });

  it('keeps a variation selector with its character and does not ask fonts for it', () => {
    const noVs: GlyphCoverage = { name: 'body', hasGlyph: (cp) => cp < 0xfe00 };
    expect(splitRuns('葛\u{E0100}城', [noVs, extB])).toEqual([{ text: '葛\u{E0100}城', font: 'body' }]);
    expect(missingCharacters('葛\u{E0100}城', [noVs, extB])).toEqual([]);
  });

  it('drops control and format characters (they draw nothing)', () => {
    expect(splitRuns('甲\u200b乙\u00ad丙\u0007', fonts)).toEqual([{ text: '甲乙丙', font: 'body' }]);
  });

  it('concatenated runs give back the text (without format characters), over any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const runs = splitRuns(s, fonts);
        // eslint-disable-next-line no-control-regex
        const drawable = s.replace(/[\p{Cf}\u0000-\u001f\u007f-\u009f]/gu, '');
        expect(runs.map((r) => r.text).join('')).toBe(drawable);
        for (const r of runs) expect(r.text.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('missingCharacters', () => {
  it('lists each character no font has, once, in order', () => {
    expect(missingCharacters('\u{10FFFD}王\u{E000}明\u{10FFFD}', fonts)).toEqual(['\u{10FFFD}']);
    expect(missingCharacters('甲乙', fonts)).toEqual([]);
  });

  it('with the real fonts: Noto Sans SC lacks Extension B, the fallback has it', () => {
    const noto = fontCoverage('noto', fontkitFonts.regular);
    const fallback = fontCoverage('fallback', fontkitFonts.fallback);
    const names = '张𠮷 李𡈼 王𪚥 陈喆 刘堃';
    expect(missingCharacters(names, [noto])).toEqual(['𠮷', '𡈼', '𪚥']);
    expect(missingCharacters(names, [noto, fallback])).toEqual([]);
    expect(splitRuns('张𠮷', [noto, fallback])).toEqual([
      { text: '张', font: 'noto' },
      { text: '𠮷', font: 'fallback' },
    ]);
    // Outside Extension B nothing covers private use, Extension G or emoji: reported, not dropped.
    expect(missingCharacters('\u{10FFFD}\u{30000}\u{1F600}', [noto, fallback])).toEqual([
      '\u{10FFFD}',
      '\u{30000}',
      '\u{1F600}',
    ]);
  });
});
