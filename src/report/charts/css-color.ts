/**
 * CSS colour strings → RGBA, for the PDF canvas adapter (pdf-canvas.ts).
 *
 * Chart.js hands the canvas whatever the spec or its defaults say: '#1F3A5F', '#666',
 * 'rgba(0,0,0,0.1)', 'rgb(54, 162, 235)', 'transparent', occasionally hsl() or a named colour. PDF
 * has no alpha in a colour, so alpha is returned separately and becomes an ExtGState opacity.
 */

/** Channels 0–255 (r, g, b) and alpha 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** CSS Color Module Level 4 named colours (lower case) as 0xRRGGBB. */
const NAMED: Record<string, number> = {
  aliceblue: 0xf0f8ff,
  antiquewhite: 0xfaebd7,
  aqua: 0x00ffff,
  aquamarine: 0x7fffd4,
  azure: 0xf0ffff,
  beige: 0xf5f5dc,
  bisque: 0xffe4c4,
  black: 0x000000,
  blanchedalmond: 0xffebcd,
  blue: 0x0000ff,
  blueviolet: 0x8a2be2,
  brown: 0xa52a2a,
  burlywood: 0xdeb887,
  cadetblue: 0x5f9ea0,
  chartreuse: 0x7fff00,
  chocolate: 0xd2691e,
  coral: 0xff7f50,
  cornflowerblue: 0x6495ed,
  cornsilk: 0xfff8dc,
  crimson: 0xdc143c,
  cyan: 0x00ffff,
  darkblue: 0x00008b,
  darkcyan: 0x008b8b,
  darkgoldenrod: 0xb8860b,
  darkgray: 0xa9a9a9,
  darkgreen: 0x006400,
  darkgrey: 0xa9a9a9,
  darkkhaki: 0xbdb76b,
  darkmagenta: 0x8b008b,
  darkolivegreen: 0x556b2f,
  darkorange: 0xff8c00,
  darkorchid: 0x9932cc,
  darkred: 0x8b0000,
  darksalmon: 0xe9967a,
  darkseagreen: 0x8fbc8f,
  darkslateblue: 0x483d8b,
  darkslategray: 0x2f4f4f,
  darkslategrey: 0x2f4f4f,
  darkturquoise: 0x00ced1,
  darkviolet: 0x9400d3,
  deeppink: 0xff1493,
  deepskyblue: 0x00bfff,
  dimgray: 0x696969,
  dimgrey: 0x696969,
  dodgerblue: 0x1e90ff,
  firebrick: 0xb22222,
  floralwhite: 0xfffaf0,
  forestgreen: 0x228b22,
  fuchsia: 0xff00ff,
  gainsboro: 0xdcdcdc,
  ghostwhite: 0xf8f8ff,
  gold: 0xffd700,
  goldenrod: 0xdaa520,
  gray: 0x808080,
  green: 0x008000,
  greenyellow: 0xadff2f,
  grey: 0x808080,
  honeydew: 0xf0fff0,
  hotpink: 0xff69b4,
  indianred: 0xcd5c5c,
  indigo: 0x4b0082,
  ivory: 0xfffff0,
  khaki: 0xf0e68c,
  lavender: 0xe6e6fa,
  lavenderblush: 0xfff0f5,
  lawngreen: 0x7cfc00,
  lemonchiffon: 0xfffacd,
  lightblue: 0xadd8e6,
  lightcoral: 0xf08080,
  lightcyan: 0xe0ffff,
  lightgoldenrodyellow: 0xfafad2,
  lightgray: 0xd3d3d3,
  lightgreen: 0x90ee90,
  lightgrey: 0xd3d3d3,
  lightpink: 0xffb6c1,
  lightsalmon: 0xffa07a,
  lightseagreen: 0x20b2aa,
  lightskyblue: 0x87cefa,
  lightslategray: 0x778899,
  lightslategrey: 0x778899,
  lightsteelblue: 0xb0c4de,
  lightyellow: 0xffffe0,
  lime: 0x00ff00,
  limegreen: 0x32cd32,
  linen: 0xfaf0e6,
  magenta: 0xff00ff,
  maroon: 0x800000,
  mediumaquamarine: 0x66cdaa,
  mediumblue: 0x0000cd,
  mediumorchid: 0xba55d3,
  mediumpurple: 0x9370db,
  mediumseagreen: 0x3cb371,
  mediumslateblue: 0x7b68ee,
  mediumspringgreen: 0x00fa9a,
  mediumturquoise: 0x48d1cc,
  mediumvioletred: 0xc71585,
  midnightblue: 0x191970,
  mintcream: 0xf5fffa,
  mistyrose: 0xffe4e1,
  moccasin: 0xffe4b5,
  navajowhite: 0xffdead,
  navy: 0x000080,
  oldlace: 0xfdf5e6,
  olive: 0x808000,
  olivedrab: 0x6b8e23,
  orange: 0xffa500,
  orangered: 0xff4500,
  orchid: 0xda70d6,
  palegoldenrod: 0xeee8aa,
  palegreen: 0x98fb98,
  paleturquoise: 0xafeeee,
  palevioletred: 0xdb7093,
  papayawhip: 0xffefd5,
  peachpuff: 0xffdab9,
  peru: 0xcd853f,
  pink: 0xffc0cb,
  plum: 0xdda0dd,
  powderblue: 0xb0e0e6,
  purple: 0x800080,
  rebeccapurple: 0x663399,
  red: 0xff0000,
  rosybrown: 0xbc8f8f,
  royalblue: 0x4169e1,
  saddlebrown: 0x8b4513,
  salmon: 0xfa8072,
  sandybrown: 0xf4a460,
  seagreen: 0x2e8b57,
  seashell: 0xfff5ee,
  sienna: 0xa0522d,
  silver: 0xc0c0c0,
  skyblue: 0x87ceeb,
  slateblue: 0x6a5acd,
  slategray: 0x708090,
  slategrey: 0x708090,
  snow: 0xfffafa,
  springgreen: 0x00ff7f,
  steelblue: 0x4682b4,
  tan: 0xd2b48c,
  teal: 0x008080,
  thistle: 0xd8bfd8,
  tomato: 0xff6347,
  turquoise: 0x40e0d0,
  violet: 0xee82ee,
  wheat: 0xf5deb3,
  white: 0xffffff,
  whitesmoke: 0xf5f5f5,
  yellow: 0xffff00,
  yellowgreen: 0x9acd32,
};

const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

/** A channel: "128" or "50%" → 0–255. */
function channel(s: string): number | null {
  const pct = s.endsWith('%');
  const n = Number(pct ? s.slice(0, -1) : s);
  if (!Number.isFinite(n) || s === '' || s === '%') return null;
  return clamp(pct ? (n * 255) / 100 : n, 0, 255);
}

/** An alpha: "0.5" or "50%" → 0–1. */
function alpha(s: string | undefined): number | null {
  if (s === undefined) return 1;
  const pct = s.endsWith('%');
  const n = Number(pct ? s.slice(0, -1) : s);
  if (!Number.isFinite(n) || s === '' || s === '%') return null;
  return clamp(pct ? n / 100 : n, 0, 1);
}

/** Hue in degrees (deg, rad, turn, grad or a bare number). */
function hue(s: string): number | null {
  const m = /^(-?[\d.]+(?:e-?\d+)?)(deg|rad|turn|grad)?$/.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return null;
  const unit = m[2] ?? 'deg';
  const deg =
    unit === 'rad' ? (n * 180) / Math.PI : unit === 'turn' ? n * 360 : unit === 'grad' ? n * 0.9 : n;
  return ((deg % 360) + 360) % 360;
}

/** Split "a, b, c / d" or "a b c / d" into ([a, b, c], d). */
function args(body: string): { parts: string[]; alpha: string | undefined } | null {
  const trimmed = body.trim();
  if (trimmed.includes(',')) {
    const parts = trimmed.split(',').map((p) => p.trim());
    if (parts.length === 4) return { parts: parts.slice(0, 3), alpha: parts[3] };
    if (parts.length === 3) return { parts, alpha: undefined };
    return null;
  }
  const [main = '', a] = trimmed.split('/').map((p) => p.trim());
  const parts = main.split(/\s+/).filter(Boolean);
  if (parts.length !== 3) return null;
  return { parts, alpha: a };
}

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [f(0) * 255, f(8) * 255, f(4) * 255];
}

function parseUncached(input: string): Rgba | null {
  const s = input.trim().toLowerCase();
  if (s === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  if (s.startsWith('#')) {
    const hex = s.slice(1);
    if (!/^[0-9a-f]+$/.test(hex)) return null;
    if (hex.length === 3 || hex.length === 4) {
      const d = [...hex].map((c) => parseInt(c + c, 16));
      return { r: d[0] ?? 0, g: d[1] ?? 0, b: d[2] ?? 0, a: hex.length === 4 ? (d[3] ?? 255) / 255 : 1 };
    }
    if (hex.length === 6 || hex.length === 8) {
      const n = (i: number) => parseInt(hex.slice(i, i + 2), 16);
      return { r: n(0), g: n(2), b: n(4), a: hex.length === 8 ? n(6) / 255 : 1 };
    }
    return null;
  }
  const fn = /^(rgba?|hsla?)\((.*)\)$/.exec(s);
  if (fn) {
    const parsed = args(fn[2] ?? '');
    if (!parsed) return null;
    const a = alpha(parsed.alpha);
    if (a === null) return null;
    const [p0 = '', p1 = '', p2 = ''] = parsed.parts;
    if (fn[1]?.startsWith('rgb')) {
      const r = channel(p0);
      const g = channel(p1);
      const b = channel(p2);
      if (r === null || g === null || b === null) return null;
      return { r, g, b, a };
    }
    const h = hue(p0);
    const sat = p1.endsWith('%') ? Number(p1.slice(0, -1)) : Number.NaN;
    const light = p2.endsWith('%') ? Number(p2.slice(0, -1)) : Number.NaN;
    if (h === null || !Number.isFinite(sat) || !Number.isFinite(light)) return null;
    const [r, g, b] = hslToRgb(h, clamp(sat / 100, 0, 1), clamp(light / 100, 0, 1));
    return { r, g, b, a };
  }
  const named = NAMED[s];
  if (named !== undefined) return { r: (named >> 16) & 255, g: (named >> 8) & 255, b: named & 255, a: 1 };
  return null;
}

const cache = new Map<string, Rgba | null>();

/**
 * Parse a CSS colour. Returns null for anything a canvas would reject (the assignment is then
 * ignored, as a canvas does). Results are cached: charts repeat the same few colours thousands of
 * times.
 */
export function parseCssColor(input: string): Rgba | null {
  const hit = cache.get(input);
  if (hit !== undefined) return hit;
  const parsed = parseUncached(input);
  if (cache.size > 2000) cache.clear();
  cache.set(input, parsed);
  return parsed;
}
