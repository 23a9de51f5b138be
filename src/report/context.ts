/**
 * The RenderContext holds what every render needs and what is expensive to prepare: parsed fonts,
 * fonts registered with the canvas, compiled templates and brands. Build it once per process or
 * worker thread and pass it to every compose() call; never per document.
 *
 * This module is pure: it receives bytes and strings. src/apps/assets.ts reads them from disk.
 */
import * as fontkit from 'fontkit';
import { FinplanError } from '../errors.js';
import { parseTheme, type Brand } from './brand/theme.js';
import { setupCharts } from './charts/setup.js';
import { compileTemplates, type TemplateSet } from './narrative/templates.js';
import { lazyFont, parseFallbackFont } from './pdf/text/fonts.js';

export type FontkitFont = fontkit.Font;

export interface RenderAssets {
  /**
   * Body fonts, and the fallback for characters they lack (fonts/FinplanHanExtB.ttf): its bytes,
   * or a function that reads them, called only when some text first needs the fallback.
   */
  fonts: { regular: Buffer; bold: Buffer; fallback?: Buffer | (() => Buffer) };
  /** Template sources by name ("sections/letter"). */
  templates: Record<string, string>;
  /** Brands: theme.json contents (parsed JSON) and logo bytes. */
  brands: { dir: string; theme: unknown; logo: Buffer | null }[];
}

export interface RenderContext {
  fonts: { regular: FontkitFont; bold: FontkitFont; fallbacks: FontkitFont[] };
  /** Family name under which the body font is registered with the canvas (for charts). */
  chartFontFamily: string;
  templates: TemplateSet;
  brands: Map<string, Brand>;
}

const CHART_FONT_FAMILY = 'Noto Sans SC';

function parseFont(bytes: Buffer, which: string): FontkitFont {
  try {
    const font = fontkit.create(bytes);
    if (!('layout' in font)) throw new Error('font collection, not a single font');
    return font as FontkitFont;
  } catch (err) {
    throw new FinplanError('FINPLAN_E_FONT_MISSING', `${which}字体无法解析`, { cause: err });
  }
}

function fallbackFont(bytes: Buffer | (() => Buffer)): FontkitFont {
  return typeof bytes === 'function' ? lazyFont(() => parseFallbackFont(bytes())) : parseFallbackFont(bytes);
}

export function createRenderContext(assets: RenderAssets): RenderContext {
  const fonts = {
    regular: parseFont(assets.fonts.regular, '正文'),
    bold: parseFont(assets.fonts.bold, '粗体'),
    fallbacks: assets.fonts.fallback ? [fallbackFont(assets.fonts.fallback)] : [],
  };
  setupCharts(CHART_FONT_FAMILY);
  const brands = new Map<string, Brand>();
  for (const b of assets.brands) {
    const theme = parseTheme(b.theme, b.dir);
    brands.set(theme.name, { theme, logo: b.logo });
  }
  if (!brands.has('default'))
    throw new FinplanError('FINPLAN_E_BRAND_INVALID', '缺少默认品牌 templates/brands/default');
  return { fonts, chartFontFamily: CHART_FONT_FAMILY, templates: compileTemplates(assets.templates), brands };
}
