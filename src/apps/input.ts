/**
 * Reading untrusted JSON input (a profile, a calculator request) from a file, stdin or an HTTP
 * body: size-limited, BOM-tolerant, and with parse errors that give a position but never echo
 * the content (Node's own JSON.parse message quotes the input, which may be personal data).
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

export function readJsonFile(path: string, what: string): unknown {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (err) {
    throw new FinplanError('FINPLAN_E_INPUT_NOT_FOUND', `找不到${what}文件`, { cause: err });
  }
  if (size > LIMITS.maxProfileBytes)
    throw new FinplanError('FINPLAN_E_INPUT_TOO_LARGE', `${what}超过 ${LIMITS.maxProfileBytes / 1024} KB`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new FinplanError('FINPLAN_E_INPUT_NOT_FOUND', `无法读取${what}文件`, { cause: err });
  }
  return parseJsonText(text, what);
}

export async function readStdinText(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > LIMITS.maxProfileBytes)
      throw new FinplanError('FINPLAN_E_INPUT_TOO_LARGE', `标准输入超过 ${LIMITS.maxProfileBytes / 1024} KB`);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}
