/**
 * Reading untrusted JSON input (a profile, a calculator request) from a file, stdin or an HTTP
 * body: size-limited, BOM-tolerant, and with parse errors that give a position but never echo
 * the content (Node's own JSON.parse message quotes the input, which may be personal data).
 *
 * Encodings: Chinese Windows and many CRM exports still save GBK, and Excel's "Unicode text" is
 * UTF-16. Bytes are decoded strictly — UTF-8 (with or without BOM), UTF-16 with a BOM, else
 * GB18030 (a superset of GBK and GB2312) — and anything that is none of these is refused with a
 * message, never decoded with replacement characters (which would print 〓 in a client's name).
 */
import { readFileSync, statSync } from 'node:fs';
import { LIMITS } from '../domain/limits.js';
import { FinplanError } from '../errors.js';

export function parseJsonText(text: string, what: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (Buffer.byteLength(body, 'utf8') > LIMITS.maxProfileBytes)
    throw new FinplanError('FINPLAN_E_INPUT_TOO_LARGE', `${what}超过 ${LIMITS.maxProfileBytes / 1024} KB`);
  try {
    return JSON.parse(body);
  } catch (err) {
    const m = /position (\d+)/.exec(String((err as Error).message));
    let where = '';
    if (m) {
      const pos = Number(m[1]);
      const before = body.slice(0, pos);
      const line = before.split('\n').length;
      const column = pos - before.lastIndexOf('\n');
      where = `（第 ${line} 行第 ${column} 列附近）`;
    } else if (/end of (JSON )?input/i.test(String((err as Error).message))) {
      where = '（内容不完整，可能缺少括号或引号）';
    }
    throw new FinplanError('FINPLAN_E_INVALID_JSON', `${what}不是合法的 JSON${where}`);
  }
}

/** The encodings input may come in; every one but UTF-8 earns a notice. */
export type InputEncoding = 'UTF-8' | 'UTF-16LE' | 'UTF-16BE' | 'GB18030';

export interface ReadOptions {
  /** Told, in Chinese, when the input was not UTF-8 (the CLI prints it on stderr). */
  onNotice?: (message: string) => void;
}

function strictDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

/** Input bytes as text: UTF-8, UTF-16 with a BOM, or GB18030/GBK; anything else is refused. */
export function decodeInput(
  bytes: Uint8Array,
  what: string,
  options: ReadOptions = {},
): { text: string; encoding: InputEncoding } {
  const [b0, b1] = bytes;
  const utf16 = b0 === 0xff && b1 === 0xfe ? 'UTF-16LE' : b0 === 0xfe && b1 === 0xff ? 'UTF-16BE' : null;
  const candidates: InputEncoding[] = utf16 ? [utf16] : ['UTF-8', 'GB18030'];
  for (const encoding of candidates) {
    const text = strictDecode(encoding, bytes);
    if (text === null) continue;
    if (encoding !== 'UTF-8')
      options.onNotice?.(
        `${what}按 ${encoding === 'GB18030' ? 'GBK/GB18030' : encoding} 编码读取；建议另存为 UTF-8。`,
      );
    return { text, encoding };
  }
  throw new FinplanError(
    'FINPLAN_E_INPUT_ENCODING',
    `${what}不是 UTF-8、UTF-16 或 GBK/GB18030 编码的文本，请用文本编辑器另存为 UTF-8 后重试`,
  );
}

export function readJsonFile(path: string, what: string, options: ReadOptions = {}): unknown {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (err) {
    throw new FinplanError('FINPLAN_E_INPUT_NOT_FOUND', `找不到${what}文件`, { cause: err });
  }
  if (size > LIMITS.maxProfileBytes)
    throw new FinplanError('FINPLAN_E_INPUT_TOO_LARGE', `${what}超过 ${LIMITS.maxProfileBytes / 1024} KB`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new FinplanError('FINPLAN_E_INPUT_NOT_FOUND', `无法读取${what}文件`, { cause: err });
  }
  return parseJsonText(decodeInput(bytes, what, options).text, what);
}

export async function readStdinText(what: string, options: ReadOptions = {}): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > LIMITS.maxProfileBytes)
      throw new FinplanError('FINPLAN_E_INPUT_TOO_LARGE', `标准输入超过 ${LIMITS.maxProfileBytes / 1024} KB`);
    chunks.push(b);
  }
  return decodeInput(Buffer.concat(chunks), what, options).text;
}
