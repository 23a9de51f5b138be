import { NO_LINE_END_CHARS, NO_LINE_START_CHARS } from '../../src/report/pdf/text/index.js';
import { PAGE } from '../../src/report/pdf/writer.js';
import { pdfTextRuns, textLines } from './pdf.js';

/** One line of text as a reader sees it: its box in points (origin top left) and its text. */
export interface LaidOutLine {
  page: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** The line's characters with whitespace removed (spaces are not what these checks look at). */
  text: string;
}

export interface LaidOutPage {
  page: number;
  width: number;
  height: number;
  lines: LaidOutLine[];
}

/**
 * Every line of every page with its box, read with pdfjs: text on one baseline without a column
 * gap is a line (see textLines in ./pdf.ts), so a table row gives one line per cell. Diagonal
 * text (a watermark) is kept too, each pdfjs item as a line with the box around its turned glyphs.
 */
export async function laidOutPages(pdf: Buffer): Promise<LaidOutPage[]> {
  const squash = (s: string) => s.replace(/\s+/g, '');
  return (await pdfTextRuns(pdf)).map(({ width, height, runs }, i) => {
    const page = i + 1;
    const lines: LaidOutLine[] = [
      ...textLines(runs).flatMap((segments) =>
        segments.map(({ x0, y0, x1, y1, text }) => ({ page, x0, y0, x1, y1, text: squash(text) })),
      ),
      ...runs
        .filter((r) => r.orientation === 'diagonal')
        .map(({ x0, y0, x1, y1, text }) => ({ page, x0, y0, x1, y1, text: squash(text) })),
    ];
    return { page, width, height, lines };
  });
}

/**
 * Pairs of lines where the second continues the first: a wrapped paragraph or table cell. The
 * reader does not group our lines into blocks, so this is geometry: the next line starts at the same left
 * edge and follows at normal leading (the gap between the boxes under half a line's height; table
 * rows and list items are further apart). A line that is only a number is not a wrap but a
 * column of figures (chart ticks, table cells), and is left out.
 */
export function continuedLines(page: LaidOutPage): Array<[LaidOutLine, LaidOutLine]> {
  const pairs: Array<[LaidOutLine, LaidOutLine]> = [];
  for (const a of page.lines) {
    if (/^[-−+\d,.%]+$/.test(a.text)) continue;
    const height = a.y1 - a.y0;
    for (const b of page.lines) {
      if (b.y0 > a.y0 + 0.5 * height && b.y0 - a.y1 < 0.45 * height && Math.abs(b.x0 - a.x0) < 2)
        pairs.push([a, b]);
    }
  }
  return pairs;
}

/** The 禁则 and amount rules a wrap must keep; each broken rule as a readable message. */
export function lineBreakFaults(
  pages: LaidOutPage[],
  rules: { noLineStart: string; noLineEnd: string } = {
    noLineStart: NO_LINE_START_CHARS,
    noLineEnd: NO_LINE_END_CHARS,
  },
): string[] {
  const faults: string[] = [];
  for (const page of pages) {
    for (const [a, b] of continuedLines(page)) {
      const where = `p${page.page} "${a.text.slice(-12)}" / "${b.text.slice(0, 12)}"`;
      const first = [...b.text][0] ?? '';
      const last = [...a.text].at(-1) ?? '';
      if (rules.noLineStart.includes(first)) faults.push(`行首禁则 ${where}`);
      if (rules.noLineEnd.includes(last)) faults.push(`行尾禁则 ${where}`);
      // An amount split between lines: digits at the end, more digits or its unit at the start.
      if (/[\d,.]$/.test(a.text) && /^[\d,.%万亿元]/.test(b.text)) faults.push(`金额断行 ${where}`);
    }
  }
  return faults;
}

/**
 * Text outside the content column, or off the page: a line drawn past the margins. A watermark is
 * drawn across the whole page on purpose: its characters need only stay on the page.
 */
export function edgeFaults(pages: LaidOutPage[], options: { watermark?: string } = {}): string[] {
  const tolerance = 0.5;
  const watermark = new Set([...(options.watermark ?? '')].filter((c) => c.trim()));
  const isWatermark = (text: string) => watermark.size > 0 && [...text].every((c) => watermark.has(c));
  return pages.flatMap((p) =>
    p.lines
      .filter(
        (l) =>
          l.x0 < -tolerance ||
          l.x1 > p.width + tolerance ||
          l.y0 < -tolerance ||
          l.y1 > p.height + tolerance ||
          (!isWatermark(l.text) &&
            (l.x0 < PAGE.marginLeft - tolerance || l.x1 > p.width - PAGE.marginRight + tolerance)),
      )
      .map((l) => `p${p.page} 超出版心 x ${l.x0.toFixed(1)}–${l.x1.toFixed(1)} "${l.text.slice(0, 20)}"`),
  );
}
