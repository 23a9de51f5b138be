/**
 * PdfWriter: the page-layout layer over pdfkit. Sections call its components (headings,
 * paragraphs, tables, KPI cards, charts, callouts) and never position text by hand, so every page
 * shares one grid, one set of type sizes and one way of breaking pages.
 *
 * Page furniture (header, footer with "第 x 页 / 共 y 页", the table of contents' page numbers) is
 * written at the end, on buffered pages, once the page count is known.
 */
import PDFDocument from 'pdfkit';
import type { Brand } from '../brand/theme.js';
import type { ChartConfiguration } from 'chart.js';
import { drawChartVector } from '../charts/pdf-canvas.js';
import type { RenderContext } from '../context.js';
import { installXmpMetadata, pdfaDocumentOptions, type PdfAConformance } from './pdfa.js';
import { pdfProtection, type ProtectionOptions } from './protection.js';
import {
  drawText,
  measureTextHeight,
  registerFontSet,
  type DrawTextOptions,
  type DrawTextResult,
  type FontSet,
} from './text/index.js';

export const FONT_REGULAR = 'finplan-regular';
export const FONT_BOLD = 'finplan-bold';

/** A4 in points, with margins that leave room for the header and footer. */
export const PAGE = {
  width: 595.28,
  height: 841.89,
  marginLeft: 62,
  marginRight: 62,
  marginTop: 78,
  marginBottom: 70,
} as const;

export const TYPE = {
  body: 10.5,
  small: 8.5,
  table: 9,
  h1: 18,
  h2: 13,
  h3: 11,
  lineGap: 3.5,
} as const;

export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  /** Fixed creation date (from the plan) so the same input gives the same bytes. */
  creationDate: Date;
  /** Hash of the input, in the info dictionary so different plans get different file IDs. */
  inputHash: string;
}

export type Align = 'left' | 'right' | 'center';

export interface TableColumn {
  header: string;
  /** Relative width; columns share the table width in proportion. */
  weight: number;
  align?: Align;
}

export interface TableRow {
  cells: string[];
  style?: 'normal' | 'subtotal' | 'total';
  /** Per-cell flag: draw this cell in the brand's negative colour. */
  negative?: boolean[];
}

export interface TableSpec {
  columns: TableColumn[];
  rows: TableRow[];
  /** Shown above the table at the right, e.g. "单位：万元". */
  unit?: string;
  /** Shown above the table at the left. */
  caption?: string;
  fontSize?: number;
}

export interface SectionEntry {
  title: string;
  level: 1 | 2;
  pageIndex: number;
  destination: string;
}

export interface KpiCard {
  label: string;
  value: string;
  note?: string;
  tone?: 'good' | 'watch' | 'poor' | 'neutral';
}

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  readonly brand: Brand;
  readonly sections: SectionEntry[] = [];
  private destinationCount = 0;
  private currentOutline: PDFKit.PDFOutline | null = null;
  private readonly chartFonts: RenderContext['fonts'];
  /** Characters no font has, in text or chart labels (drawn as 〓, reported, never dropped). */
  readonly missingGlyphs = new Set<string>();
  /** Body fonts and the fallback for rare characters, registered with this document. */
  readonly fonts: FontSet;

  constructor(
    ctx: RenderContext,
    brand: Brand,
    meta: DocumentMeta,
    output: { protection?: ProtectionOptions; pdfa?: PdfAConformance } = {},
  ) {
    this.brand = brand;
    this.chartFonts = ctx.fonts;
    const protection = output.protection ? pdfProtection(output.protection) : null;
    this.doc = new PDFDocument({
      size: 'A4',
      margins: {
        top: PAGE.marginTop,
        bottom: PAGE.marginBottom,
        left: PAGE.marginLeft,
        right: PAGE.marginRight,
      },
      bufferPages: true,
      autoFirstPage: false,
      pdfVersion: '1.7',
      lang: 'zh-CN',
      displayTitle: true,
      compress: true,
      info: {
        Title: meta.title,
        Author: meta.author,
        Subject: meta.subject,
        Keywords: `${meta.keywords}; input-sha256:${meta.inputHash}`,
        // The brand's institution, never the software's name: a bank's document is the bank's.
        Creator: brand.theme.institution,
        Producer: brand.theme.institution,
        CreationDate: meta.creationDate,
        ModDate: meta.creationDate,
      },
      ...(output.pdfa ? pdfaDocumentOptions() : {}),
      ...(protection ? protection.documentOptions : {}),
    });
    protection?.apply(this.doc);
    // Always: pdfkit's own XMP is unescaped and lacks xmp:ModifyDate (src/report/pdf/pdfa.ts).
    installXmpMetadata(this.doc, { lang: 'zh-CN' });
    // The fontkit objects are parsed once per RenderContext; pdfkit subsets them per document.
    this.fonts = registerFontSet(this.doc, ctx.fonts, { regular: FONT_REGULAR, bold: FONT_BOLD });
    this.doc.font(FONT_REGULAR);
  }

  get colors() {
    return this.brand.theme.colors;
  }

  get contentWidth(): number {
    return PAGE.width - PAGE.marginLeft - PAGE.marginRight;
  }

  get bottom(): number {
    return PAGE.height - PAGE.marginBottom;
  }

  get pageIndex(): number {
    return this.doc.bufferedPageRange().start + this.doc.bufferedPageRange().count - 1;
  }

  addPage(): void {
    this.doc.addPage();
    this.doc.x = PAGE.marginLeft;
    this.doc.y = PAGE.marginTop;
  }

  /** Start a new page unless `height` points still fit on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.addPage();
  }

  space(points: number): void {
    this.doc.y += points;
  }

  /**
   * Set text with Chinese line breaking (禁则, amounts kept whole) and font fallback; every text of
   * the report goes through here. `flow` continues on a new page at the bottom margin, like
   * pdfkit's text(). Leaves doc.y below the text.
   */
  write(
    text: string,
    options: Omit<DrawTextOptions, 'x' | 'y' | 'width'> & {
      x?: number;
      y?: number;
      width?: number;
      flow?: boolean;
    },
  ): DrawTextResult {
    const { flow, ...rest } = options;
    const result = drawText(
      this.doc,
      text,
      {
        x: PAGE.marginLeft,
        y: this.doc.y,
        width: this.contentWidth,
        ...rest,
        ...(flow
          ? {
              bottom: this.bottom,
              onPageBreak: () => {
                this.addPage();
                return this.doc.y;
              },
            }
          : {}),
      },
      this.fonts,
    );
    for (const c of result.missing) this.missingGlyphs.add(c);
    return result;
  }

  /** Height `write` would use for this text in a box of `width` (no page breaks). */
  textHeight(
    text: string,
    options: { width: number; fontSize: number; lineGap?: number; bold?: boolean; indent?: number },
  ): number {
    return measureTextHeight(text, options, this.fonts);
  }

  private nextDestination(): string {
    this.destinationCount += 1;
    return `sec-${this.destinationCount}`;
  }

  /** A level-1 section: new page, coloured title, bookmark and named destination. */
  section(title: string, options: { inToc?: boolean; newPage?: 'always' | 'auto' } = {}): void {
    // A section starts on a new page unless it may follow on ('auto') and more than 60% of the
    // current page is still free — short sections then share a page instead of leaving it blank.
    const used = (this.doc.y - PAGE.marginTop) / (this.bottom - PAGE.marginTop);
    const fresh = this.doc.bufferedPageRange().count === 0 || this.doc.page === undefined;
    if (fresh || options.newPage !== 'auto' || used > 0.4) this.addPage();
    else {
      this.space(18);
      this.doc
        .moveTo(PAGE.marginLeft, this.doc.y)
        .lineTo(PAGE.width - PAGE.marginRight, this.doc.y)
        .lineWidth(0.6)
        .strokeColor(this.colors.rule)
        .stroke();
      this.space(16);
    }
    const dest = this.nextDestination();
    // pdfkit turns y into PDF space itself (page height − y): pass the top-down position.
    this.doc.addNamedDestination(dest, 'XYZ', PAGE.marginLeft, this.doc.y, null);
    if (options.inToc !== false) {
      this.sections.push({ title, level: 1, pageIndex: this.pageIndex, destination: dest });
      this.currentOutline = this.doc.outline.addItem(title);
    }
    const { doc } = this;
    this.write(title, { fontSize: TYPE.h1, bold: true, color: this.colors.primary });
    const y = doc.y + 4;
    doc
      .moveTo(PAGE.marginLeft, y)
      .lineTo(PAGE.marginLeft + 48, y)
      .lineWidth(2.5)
      .strokeColor(this.colors.accent)
      .stroke();
    doc.y = y + 14;
    this.resetBodyFont();
  }

  /** A level-2 heading; kept with at least `keepWith` points of what follows. */
  heading(title: string, options: { keepWith?: number; inToc?: boolean } = {}): void {
    this.ensureSpace(28 + (options.keepWith ?? 60));
    this.space(6);
    const { doc } = this;
    if (options.inToc) {
      const dest = this.nextDestination();
      doc.addNamedDestination(dest, 'XYZ', PAGE.marginLeft, doc.y, null);
      this.sections.push({ title, level: 2, pageIndex: this.pageIndex, destination: dest });
      (this.currentOutline ?? doc.outline).addItem(title);
    }
    const x = PAGE.marginLeft;
    const y = doc.y;
    doc.rect(x, y + 2, 3.5, TYPE.h2).fill(this.colors.accent);
    this.write(title, {
      x: x + 10,
      y,
      width: this.contentWidth - 10,
      fontSize: TYPE.h2,
      bold: true,
      color: this.colors.primary,
    });
    doc.y += 6;
    this.resetBodyFont();
  }

  /** A small bold subheading inside a section. */
  subheading(title: string): void {
    this.ensureSpace(50);
    this.space(2);
    this.write(title, { fontSize: TYPE.h3, bold: true, color: this.colors.text });
    this.doc.y += 3;
    this.resetBodyFont();
  }

  resetBodyFont(): void {
    this.doc.font(FONT_REGULAR).fontSize(TYPE.body).fillColor(this.colors.text);
  }

  paragraph(
    text: string,
    options: { size?: number; color?: string; indent?: boolean; bold?: boolean } = {},
  ): void {
    const { doc } = this;
    const size = options.size ?? TYPE.body;
    const indent = options.indent === false ? 0 : size * 2;
    doc.font(options.bold ? FONT_BOLD : FONT_REGULAR).fontSize(size);
    this.ensureSpace(doc.currentLineHeight(true) * 2);
    // Chinese paragraphs are left-aligned: pdfkit's justify only stretches spaces.
    this.write(text, {
      fontSize: size,
      bold: options.bold ?? false,
      color: options.color ?? this.colors.text,
      lineGap: TYPE.lineGap,
      indent,
      flow: true,
    });
    doc.y += 6;
    this.resetBodyFont();
  }

  bullets(items: string[], options: { size?: number } = {}): void {
    const { doc } = this;
    const size = options.size ?? TYPE.body;
    for (const item of items) {
      const width = this.contentWidth - 14;
      const h = this.textHeight(item, { width, fontSize: size, lineGap: TYPE.lineGap });
      this.ensureSpace(Math.min(h, 40));
      const y = doc.y;
      doc.circle(PAGE.marginLeft + 4, y + size * 0.62, 1.8).fill(this.colors.accent);
      this.write(item, {
        x: PAGE.marginLeft + 14,
        y,
        width,
        fontSize: size,
        lineGap: TYPE.lineGap,
        color: this.colors.text,
        flow: true,
      });
      doc.y += 3;
    }
    doc.y += 4;
    this.resetBodyFont();
  }

  /** A shaded box with a coloured bar: for a key conclusion. */
  callout(text: string, tone: 'info' | 'good' | 'watch' | 'poor' = 'info'): void {
    const { doc } = this;
    const barColour =
      tone === 'good'
        ? this.colors.good
        : tone === 'watch'
          ? this.colors.watch
          : tone === 'poor'
            ? this.colors.poor
            : this.colors.primary;
    const pad = 9;
    const width = this.contentWidth - 2 * pad - 4;
    const h = this.textHeight(text, { width, fontSize: TYPE.body, lineGap: TYPE.lineGap }) + 2 * pad;
    this.ensureSpace(h + 8);
    const y = doc.y;
    doc.rect(PAGE.marginLeft, y, this.contentWidth, h).fill(this.colors.zebra);
    doc.rect(PAGE.marginLeft, y, 4, h).fill(barColour);
    this.write(text, {
      x: PAGE.marginLeft + 4 + pad,
      y: y + pad,
      width,
      fontSize: TYPE.body,
      lineGap: TYPE.lineGap,
      color: this.colors.text,
    });
    doc.y = y + h + 8;
    this.resetBodyFont();
  }

  /** A row of key-figure cards. */
  kpis(cards: KpiCard[]): void {
    const { doc } = this;
    const gap = 8;
    const n = cards.length;
    const w = (this.contentWidth - gap * (n - 1)) / n;
    const h = 58;
    this.ensureSpace(h + 10);
    const y = doc.y;
    cards.forEach((card, i) => {
      const x = PAGE.marginLeft + i * (w + gap);
      const tone =
        card.tone === 'good'
          ? this.colors.good
          : card.tone === 'watch'
            ? this.colors.watch
            : card.tone === 'poor'
              ? this.colors.poor
              : this.colors.primary;
      doc.rect(x, y, w, h).fill(this.colors.zebra);
      doc.rect(x, y, w, 3).fill(tone);
      const line = { x: x + 8, width: w - 16, maxLines: 1 };
      this.write(card.label, { ...line, y: y + 9, fontSize: TYPE.small, color: this.colors.muted });
      this.write(card.value, { ...line, y: y + 23, fontSize: 14, bold: true, color: tone });
      if (card.note) this.write(card.note, { ...line, y: y + 43, fontSize: 7.5, color: this.colors.muted });
    });
    doc.y = y + h + 12;
    this.resetBodyFont();
  }

  /**
   * A Chart.js chart drawn as PDF vectors (src/report/charts/pdf-canvas.ts): sharp at any print
   * size, its labels set in the document's own font subset. Measured against opaque JPEG at 200 dpi
   * (bench/charts.js): 2–3× faster and about a tenth of the size (README, "Decisions").
   */
  chart(config: ChartConfiguration, heightPt: number, caption?: string, widthPt = this.contentWidth): void {
    const { doc } = this;
    const captionHeight = caption ? 16 : 0;
    this.ensureSpace(heightPt + captionHeight + 10);
    const x = PAGE.marginLeft + (this.contentWidth - widthPt) / 2;
    const y = doc.y;
    const drawn = drawChartVector(
      doc,
      config,
      { x, y, width: widthPt, height: heightPt },
      { regular: FONT_REGULAR, bold: FONT_BOLD, fallbacks: this.fonts.fallbacks.map((f) => f.name) },
      this.chartFonts,
    );
    for (const c of drawn.missingGlyphs) this.missingGlyphs.add(c);
    doc.y = y + heightPt + 4;
    if (caption) {
      this.write(caption, { fontSize: TYPE.small, color: this.colors.muted, align: 'center' });
    }
    doc.y += 8;
    this.resetBodyFont();
  }

  /** Traffic lights: one row per area, a coloured dot, the area and a short verdict. */
  lights(items: { area: string; verdict: 'good' | 'watch' | 'poor'; text: string }[], columns = 2): void {
    const { doc } = this;
    const rowHeight = 20;
    const colWidth = this.contentWidth / columns;
    const rows = Math.ceil(items.length / columns);
    this.ensureSpace(rows * rowHeight + 6);
    const top = doc.y;
    items.forEach((item, i) => {
      const x = PAGE.marginLeft + (i % columns) * colWidth;
      const y = top + Math.floor(i / columns) * rowHeight;
      const colour =
        item.verdict === 'good'
          ? this.colors.good
          : item.verdict === 'watch'
            ? this.colors.watch
            : this.colors.poor;
      doc.circle(x + 6, y + 7, 5).fill(colour);
      doc
        .font(FONT_BOLD)
        .fontSize(TYPE.body - 0.5)
        .fillColor(this.colors.text);
      doc.text(item.area, x + 16, y, { width: 64, lineBreak: false });
      doc
        .font(FONT_REGULAR)
        .fontSize(TYPE.small + 0.5)
        .fillColor(this.colors.muted);
      doc.text(item.text, x + 80, y + 1, { width: colWidth - 86, lineBreak: false, ellipsis: true });
    });
    doc.y = top + rows * rowHeight + 6;
    this.resetBodyFont();
  }

  /** A table that breaks across pages and repeats its header row on each. */
  table(spec: TableSpec): void {
    const { doc } = this;
    const size = spec.fontSize ?? TYPE.table;
    const pad = 4;
    const totalWeight = spec.columns.reduce((s, c) => s + c.weight, 0);
    const widths = spec.columns.map((c) => (c.weight / totalWeight) * this.contentWidth);
    const lineGap = 1.5;

    const rowHeight = (cells: string[], bold: boolean): number => {
      let h = 0;
      cells.forEach((cell, i) => {
        const width = (widths[i] ?? 0) - 2 * pad;
        h = Math.max(h, this.textHeight(cell || ' ', { width, fontSize: size, lineGap, bold }));
      });
      return h + 2 * pad;
    };

    const drawCells = (
      cells: string[],
      y: number,
      h: number,
      opts: { bold: boolean; color: string; negative?: boolean[] },
    ) => {
      let x = PAGE.marginLeft;
      cells.forEach((cell, i) => {
        const w = widths[i] ?? 0;
        const align = spec.columns[i]?.align ?? 'left';
        const color = opts.negative?.[i] ? this.colors.negative : opts.color;
        this.write(cell, {
          x: x + pad,
          y: y + pad,
          width: w - 2 * pad,
          fontSize: size,
          bold: opts.bold,
          align,
          lineGap,
          color,
        });
        x += w;
      });
      void h;
    };

    const headerCells = spec.columns.map((c) => c.header);
    const headerHeight = rowHeight(headerCells, true);
    const drawHeader = () => {
      const y = doc.y;
      doc.rect(PAGE.marginLeft, y, this.contentWidth, headerHeight).fill(this.colors.primary);
      drawCells(headerCells, y, headerHeight, { bold: true, color: this.colors.tableHeaderText });
      doc.y = y + headerHeight;
    };

    // Caption and unit line, kept with the header and the first rows.
    const firstRowHeight = spec.rows[0] ? rowHeight(spec.rows[0].cells, false) : 0;
    const captionHeight = spec.caption || spec.unit ? 14 : 0;
    this.ensureSpace(captionHeight + headerHeight + firstRowHeight * Math.min(3, spec.rows.length) + 4);
    if (captionHeight) {
      const y = doc.y;
      const line = { y, fontSize: TYPE.small, maxLines: 1 };
      if (spec.caption) this.write(spec.caption, { ...line, bold: true, color: this.colors.text });
      if (spec.unit) this.write(spec.unit, { ...line, color: this.colors.muted, align: 'right' });
      doc.y = y + captionHeight;
    }
    drawHeader();

    const n = spec.rows.length;
    const isBold = (row: TableRow) => row.style === 'total' || row.style === 'subtotal';
    spec.rows.forEach((row, r) => {
      const bold = isBold(row);
      const h = rowHeight(row.cells, bold);
      // No widowed last row: when the final two rows cannot share this page, both go to the next
      // (a lone row under a repeated header reads as a mistake).
      const last = spec.rows[n - 1]!;
      const widow = r === n - 2 && r >= 3 && doc.y + h + rowHeight(last.cells, isBold(last)) > this.bottom;
      if (doc.y + h > this.bottom || widow) {
        this.addPage();
        drawHeader();
      }
      const y = doc.y;
      if (row.style === 'total') {
        doc.rect(PAGE.marginLeft, y, this.contentWidth, h).fill(this.colors.zebra);
        doc
          .moveTo(PAGE.marginLeft, y)
          .lineTo(PAGE.marginLeft + this.contentWidth, y)
          .lineWidth(0.8)
          .strokeColor(this.colors.primary)
          .stroke();
      } else if (r % 2 === 1) {
        doc.rect(PAGE.marginLeft, y, this.contentWidth, h).fill(this.colors.zebra);
      }
      drawCells(row.cells, y, h, { bold, color: this.colors.text, negative: row.negative });
      doc.y = y + h;
    });
    const end = doc.y;
    doc
      .moveTo(PAGE.marginLeft, end)
      .lineTo(PAGE.marginLeft + this.contentWidth, end)
      .lineWidth(0.6)
      .strokeColor(this.colors.rule)
      .stroke();
    doc.y = end + 10;
    this.resetBodyFont();
  }

  /** Small print under a table or chart. */
  note(text: string): void {
    const { doc } = this;
    this.write(text, { fontSize: TYPE.small, color: this.colors.muted, lineGap: 1.5, flow: true });
    doc.y += 6;
    this.resetBodyFont();
  }

  /**
   * Write the header and footer on every page but the cover. Must run after all content: only
   * then is the page count known. The bottom margin is lifted while writing the footer, or pdfkit
   * would start a new page for text below it.
   */
  pageFurniture(options: {
    headerLeft: string;
    headerRight: string;
    footerLeft: string;
    skipFirst: number;
    /** Drawn diagonally and faintly across every page, the cover included. */
    watermark?: string;
  }): void {
    const { doc } = this;
    const range = doc.bufferedPageRange();
    const total = range.count;
    for (let i = range.start; i < range.start + total; i++) {
      doc.switchToPage(i);
      const savedBottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      if (options.watermark) this.watermark(options.watermark);
      if (i < options.skipFirst) {
        doc.page.margins.bottom = savedBottom;
        continue;
      }
      const small = { fontSize: TYPE.small, color: this.colors.muted, maxLines: 1 };
      const headerY = 40;
      this.write(options.headerLeft, { ...small, y: headerY });
      this.write(options.headerRight, { ...small, y: headerY, align: 'right' });
      doc
        .moveTo(PAGE.marginLeft, headerY + 14)
        .lineTo(PAGE.width - PAGE.marginRight, headerY + 14)
        .lineWidth(0.6)
        .strokeColor(this.colors.rule)
        .stroke();
      const footerY = PAGE.height - 44;
      doc
        .moveTo(PAGE.marginLeft, footerY - 6)
        .lineTo(PAGE.width - PAGE.marginRight, footerY - 6)
        .lineWidth(0.6)
        .strokeColor(this.colors.rule)
        .stroke();
      this.write(options.footerLeft, { ...small, y: footerY });
      this.write(`第 ${i + 1} 页 / 共 ${total} 页`, { ...small, y: footerY, align: 'right' });
      doc.page.margins.bottom = savedBottom;
    }
  }

  /** A faint diagonal line of text across the middle of the page ("仅供王先生参阅"). */
  private watermark(text: string): void {
    const { doc } = this;
    doc.save();
    doc.opacity(0.13); // fill and stroke: a fallback glyph is drawn filled and stroked
    doc.rotate(-35, { origin: [PAGE.width / 2, PAGE.height / 2] });
    for (const dy of [-220, 0, 220])
      this.write(text, {
        x: 0,
        y: PAGE.height / 2 - 17 + dy,
        width: PAGE.width,
        align: 'center',
        fontSize: 34,
        bold: true,
        color: this.colors.muted,
        maxLines: 1,
      });
    doc.restore();
    this.resetBodyFont();
  }

  /** Finish the document and collect its bytes. */
  finish(): Promise<Buffer> {
    return endDocument(this.doc);
  }
}

/**
 * End a pdfkit document and collect its bytes. pdfkit is a readable stream that holds what it has
 * written until someone reads, so this may be called once everything is drawn.
 */
export function endDocument(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.end();
  return done;
}
