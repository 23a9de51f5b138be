/**
 * Which kind of file a batch sheet is, and how its text is encoded. The file's own bytes decide,
 * not its name: a CRM may save an XLSX as "export.csv", and an old .xls renamed .xlsx deserves a
 * message rather than a zip error.
 *
 * CSV encodings, as Excel and CRM exports write them: UTF-8 with a BOM (Excel's "CSV UTF-8"),
 * UTF-8 without one, or the Windows Chinese code page. The last is decoded as GB18030, never GBK:
 * GBK has no 𠮷 or 䶮 and would turn a client's name into '?'. Decoding is strict; bytes that are
 * none of these are refused, never read with replacement characters.
 */
import { FinplanError } from '../../../errors.js';

export type SheetEncoding = 'UTF-8' | 'UTF-8 BOM' | 'GB18030';

export function sniffSheetFormat(bytes: Uint8Array): 'csv' | 'xlsx' {
  if (bytes.length === 0) throw new FinplanError('FINPLAN_E_SHEET_INVALID', '文件是空的');
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0x50 && b1 === 0x4b && b2 === 0x03 && b3 === 0x04) return 'xlsx';
  if (b0 === 0xd0 && b1 === 0xcf && b2 === 0x11 && b3 === 0xe0)
    throw new FinplanError(
      'FINPLAN_E_SHEET_INVALID',
      '这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV UTF-8 后重试',
    );
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff))
    throw new FinplanError(
      'FINPLAN_E_INPUT_ENCODING',
      '文件是 UTF-16 编码（Excel 的"Unicode 文本"），请另存为"CSV UTF-8（逗号分隔）"后重试',
    );
  // Text never holds NUL; a file that does is binary (a PDF, an image, a database file).
  if (bytes.subarray(0, 64 * 1024).includes(0))
    throw new FinplanError('FINPLAN_E_SHEET_INVALID', '文件不是 CSV 文本或 Excel（.xlsx）表格');
  return 'csv';
}

function strictDecode(label: string, bytes: Uint8Array): string | null {
  try {
    // ignoreBOM: the BOM is ours to see, so that we can report "UTF-8 BOM".
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: SheetEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = strictDecode('utf-8', bytes.subarray(3));
    if (text === null)
      throw new FinplanError(
        'FINPLAN_E_INPUT_ENCODING',
        '文件以 UTF-8 标记开头，但内容不是合法的 UTF-8；请在 Excel 中重新另存为"CSV UTF-8（逗号分隔）"',
      );
    return { text, encoding: 'UTF-8 BOM' };
  }
  const utf8 = strictDecode('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'UTF-8' };
  const gb = strictDecode('gb18030', bytes);
  if (gb !== null) return { text: gb, encoding: 'GB18030' };
  throw new FinplanError(
    'FINPLAN_E_INPUT_ENCODING',
    '文件既不是 UTF-8 也不是 GB18030（GBK）编码的文本，请在 Excel 中另存为"CSV UTF-8（逗号分隔）"后重试',
  );
}
