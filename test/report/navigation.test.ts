/**
 * Finding one's way in the full plan: the 目录's page numbers, its links and the PDF bookmarks all
 * lead to the page, and the place on the page, where each section's heading is printed. Read with
 * qpdf's JSON view of the file and poppler's text boxes.
 */
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { planFromInput } from '../../src/api.js';
import { loadRenderContext } from '../../src/apps/assets.js';
import { compose } from '../../src/report/pdf/compose.js';
import { laidOutPages, type LaidOutPage } from '../helpers/layout.js';
import { pdfFile } from '../helpers/pdf.js';
import { readSample } from '../helpers/samples.js';

interface Outline {
  title: string;
  destpageposfrom1: number;
  kids: Outline[];
}
type QpdfObjects = Record<string, { value?: Record<string, unknown> }>;

function qpdfJson(pdf: Buffer): {
  outlines: Outline[];
  pages: { object: string; pageposfrom1: number }[];
  qpdf: [unknown, QpdfObjects];
} {
  return JSON.parse(
    execFileSync('qpdf', ['--json=2', pdfFile(pdf)], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }),
  );
}

const flatten = (items: Outline[]): Outline[] => items.flatMap((o) => [o, ...flatten(o.kids)]);
const squash = (s: string) => s.replace(/\s+/g, '');

describe('目录, links and bookmarks of the family plan', () => {
  let pages: LaidOutPage[];
  let json: ReturnType<typeof qpdfJson>;
  beforeAll(async () => {
    const pdf = await compose(
      planFromInput(readSample('family-with-children-education-and-retirement')),
      { depth: 'full' },
      loadRenderContext(),
    );
    pages = laidOutPages(pdf);
    json = qpdfJson(pdf);
  });

  /** The heading's line on a page: the line whose text is exactly the title. */
  const headingOn = (page: number, title: string) =>
    pages[page - 1]!.lines.find((l) => squash(l.text) === squash(title));

  it('has a bookmark for every 目录 entry, in order, each on the page of its heading', () => {
    const outlines = flatten(json.outlines);
    expect(outlines.length).toBeGreaterThanOrEqual(20);
    const toc = pages.find((p) => p.lines.some((l) => squash(l.text) === '目录'))!;
    const tocText = squash(toc.lines.map((l) => l.text).join('\n'));
    let from = 0;
    for (const o of outlines) {
      expect(headingOn(o.destpageposfrom1, o.title), `${o.title} on p${o.destpageposfrom1}`).toBeDefined();
      // The 目录 lists the same title with the same page number, in the same order.
      const at = tocText.indexOf(squash(o.title), from);
      expect(at, `目录 lists ${o.title}`).toBeGreaterThanOrEqual(from);
      from = at + squash(o.title).length;
      const number = /^[.·…]*(\d+)/.exec(tocText.slice(from))?.[1];
      expect(Number(number), `目录 page of ${o.title}`).toBe(o.destpageposfrom1);
    }
  });

  it('links every 目录 line to a destination at its heading, not elsewhere on the page', () => {
    const objects = json.qpdf[1];
    const values = Object.values(objects).map((o) => o.value ?? {});
    const links = values.filter((v) => v['/Subtype'] === '/Link');
    const names = values.find((v) => v['/Dests'])!['/Dests'] as { '/Names': unknown[] };
    const pageOf = new Map(json.pages.map((p) => [p.object, p.pageposfrom1]));
    const dests: [string, [string, string, number, number]][] = [];
    for (let i = 0; i < names['/Names'].length; i += 2)
      dests.push([names['/Names'][i] as string, names['/Names'][i + 1] as [string, string, number, number]]);
    // One link per 目录 line (= per bookmark); every section also has a destination.
    expect(links.length).toBe(flatten(json.outlines).length);
    expect(dests.length).toBeGreaterThanOrEqual(links.length);
    for (const [name, [pageRef, kind, , top]] of dests) {
      expect(kind).toBe('/XYZ');
      const page = pageOf.get(pageRef)!;
      const height = pages[page - 1]!.height;
      // Some heading starts within a line's height below the destination's top edge.
      const below = pages[page - 1]!.lines.filter((l) => {
        const y = height - top; // back to top-down
        return l.y0 >= y - 2 && l.y0 <= y + 30;
      });
      expect(below.length, `${name} on p${page} at ${top}`).toBeGreaterThan(0);
    }
  });
});
