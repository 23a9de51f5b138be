/**
 * Finding one's way in the full plan: the 目录's page numbers, its links and the PDF bookmarks all
 * lead to the page, and the place on the page, where each section's heading is printed. Read with
 * pdfjs: its outline, link annotations, named destinations and text positions (test/interop
 * checks that qpdf reads the same bookmarks and links).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { planFromInput } from '../../src/api.js';
import { loadRenderContext } from '../../src/apps/assets.js';
import { compose } from '../../src/report/pdf/compose.js';
import { laidOutPages, type LaidOutPage } from '../helpers/layout.js';
import {
  pdfLinks,
  pdfNamedDestinations,
  pdfOutline,
  type PdfDestination,
  type PdfLink,
  type PdfOutlineItem,
} from '../helpers/pdf.js';
import { readSample } from '../helpers/samples.js';

const flatten = (items: PdfOutlineItem[]): PdfOutlineItem[] => items.flatMap((o) => [o, ...flatten(o.kids)]);
const squash = (s: string) => s.replace(/\s+/g, '');

describe('目录, links and bookmarks of the family plan', () => {
  let pages: LaidOutPage[];
  let outlines: PdfOutlineItem[];
  let links: PdfLink[];
  let dests: Map<string, PdfDestination | null>;
  beforeAll(async () => {
    const pdf = await compose(
      planFromInput(readSample('family-with-children-education-and-retirement')),
      { depth: 'full' },
      loadRenderContext(),
    );
    pages = await laidOutPages(pdf);
    outlines = flatten(await pdfOutline(pdf));
    links = await pdfLinks(pdf);
    dests = await pdfNamedDestinations(pdf);
  });

  /** The heading's line on a page: the line whose text is exactly the title. */
  const headingOn = (page: number, title: string) =>
    pages[page - 1]!.lines.find((l) => squash(l.text) === squash(title));

  it('has a bookmark for every 目录 entry, in order, each on the page of its heading', () => {
    expect(outlines.length).toBeGreaterThanOrEqual(20);
    const toc = pages.find((p) => p.lines.some((l) => squash(l.text) === '目录'))!;
    const tocText = squash(toc.lines.map((l) => l.text).join('\n'));
    let from = 0;
    for (const o of outlines) {
      const page = o.destination?.page ?? 0;
      expect(headingOn(page, o.title), `${o.title} on p${page}`).toBeDefined();
      // The 目录 lists the same title with the same page number, in the same order.
      const at = tocText.indexOf(squash(o.title), from);
      expect(at, `目录 lists ${o.title}`).toBeGreaterThanOrEqual(from);
      from = at + squash(o.title).length;
      const number = /^[.·…]*(\d+)/.exec(tocText.slice(from))?.[1];
      expect(Number(number), `目录 page of ${o.title}`).toBe(page);
    }
  });

  it('links every 目录 line to a destination at its heading, not elsewhere on the page', () => {
    // One link per 目录 line (= per bookmark), each to a named destination; every section also
    // has a destination.
    expect(links.length).toBe(outlines.length);
    for (const link of links) {
      expect(link.destName, `link on p${link.page}`).not.toBeNull();
      expect(dests.has(link.destName!), `${link.destName} is a named destination`).toBe(true);
    }
    expect(dests.size).toBeGreaterThanOrEqual(links.length);
    // Read top to bottom, the 目录's links lead where the bookmarks do, in the same order.
    const ordered = [...links].sort((a, b) => a.page - b.page || b.rect[1]! - a.rect[1]!);
    ordered.forEach((link, i) =>
      expect(link.destination?.page, outlines[i]!.title).toBe(outlines[i]!.destination?.page),
    );
    for (const [name, dest] of dests) {
      expect(dest?.kind, name).toBe('XYZ');
      const { page, top } = dest!;
      expect(top, name).not.toBeNull();
      const height = pages[page - 1]!.height;
      // Some heading starts within a line's height below the destination's top edge.
      const below = pages[page - 1]!.lines.filter((l) => {
        const y = height - top!; // back to top-down
        return l.y0 >= y - 2 && l.y0 <= y + 30;
      });
      expect(below.length, `${name} on p${page} at ${top}`).toBeGreaterThan(0);
    }
  });
});
