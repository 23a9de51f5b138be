/**
 * A household's id: the runner names its PDF after it, so it must be a safe file name on every
 * file system a branch uses (a Windows share included) and must never be the client's name. The
 * CRM's 家庭编号 (or 客户号) is kept when it is already safe, so staff can find the PDF; otherwise
 * a hash of it stands in, stable across reruns so that a resumed batch finds its earlier files.
 */
import { createHash } from 'node:crypto';

const SAFE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
// Device names Windows refuses as file names, whatever the extension.
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

export function isSafeId(text: string): boolean {
  return SAFE.test(text) && !RESERVED.test(text);
}

export function hashId(text: string): string {
  return `h-${createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16)}`;
}

/**
 * Ids for every household key, unique even where a file system ignores case ("A01" and "a01"
 * would overwrite each other there): the later one gets a hash suffix.
 */
export class HouseholdIds {
  private readonly taken = new Set<string>();

  claim(key: string): string {
    let id = isSafeId(key) ? key : hashId(key);
    if (this.taken.has(id.toLowerCase())) id = `${id.slice(0, 22)}-${hashId(`dup:${key}`).slice(2, 12)}`;
    this.taken.add(id.toLowerCase());
    return id;
  }
}
