/**
 * Reading an XMP packet in tests (no XML parser is a dependency): a small well-formedness check
 * and the value of one element. Used by the PDF/A tests in test/report and test/interop.
 */
import { expect } from 'vitest';

/**
 * Tags balance, attribute values are quoted, and "&" appears only in the five predefined or
 * numeric entities.
 */
export function assertWellFormedXml(xml: string): void {
  const body = xml.replace(/<\?xpacket [^?]*\?>/g, '');
  const stack: string[] = [];
  for (const token of body.match(/<[^>]*>|[^<]+|</g) ?? []) {
    if (token.startsWith('<')) {
      const m = /^<(\/)?([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*"[^"<]*")*)\s*(\/)?>$/.exec(token);
      expect(m, `malformed tag ${token}`).not.toBeNull();
      if (!m) return;
      const [, close, name = '', attrs = '', selfClose] = m;
      expect(attrs, `bad entity in ${token}`).not.toMatch(
        /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);)/,
      );
      if (close) expect(stack.pop(), `</${name}> closes the wrong element`).toBe(name);
      else if (!selfClose) stack.push(name);
    } else {
      expect(token, 'bad entity in text').not.toMatch(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9A-Fa-f]+);)/);
    }
  }
  expect(stack, 'unclosed elements').toEqual([]);
}

export function xmlUnescape(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The text content of the first element `name` in the XMP (inside rdf:li where there is one). */
export function xmpValue(xmp: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xmp);
  if (!m?.[1]) return undefined;
  const li = /<rdf:li[^>]*>([\s\S]*?)<\/rdf:li>/.exec(m[1]);
  return xmlUnescape((li?.[1] ?? m[1]).trim());
}

/** "D:20261101000000Z" → "2026-11-01T00:00:00Z". */
export function pdfDateToXmp(d: string | undefined): string | undefined {
  const m = /^D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(d ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z` : undefined;
}
