/**
 * Chinese typography for pdfkit: line breaking with 禁则, numbers and amounts kept whole, font
 * fallback for rare characters, missing characters reported. See draw.ts for the entry points.
 */
export {
  drawText,
  layoutText,
  measureTextHeight,
  MISSING_GLYPH_MARK,
  type DrawTextOptions,
  type DrawTextResult,
  type LaidLine,
  type LaidRun,
  type TextAlign,
  type TextBox,
  type TextLayout,
  type TextStyle,
} from './draw.js';
export {
  FALLBACK_FONT_FILE,
  FALLBACK_FONT_NAME,
  parseFallbackFont,
  parseFontBytes,
  registerFontSet,
  type FontFace,
  type FontSet,
} from './fonts.js';
export {
  breakLines,
  layoutLines,
  unbreakableUnits,
  type BrokenLine,
  type LineBreakOptions,
  type Measure,
} from './linebreak.js';
export { advanceUnits, textWidth } from './measure.js';
export { fontCoverage, missingCharacters, splitRuns, type GlyphCoverage, type TextRun } from './runs.js';
export { NO_LINE_END_CHARS, NO_LINE_START_CHARS, MULTI_CHAR_UNITS } from './kinsoku.js';
