// Types for the sample generator (plain JavaScript so that `node samples/batch/generate.js` needs no build).
export type Record = { [column: string]: string };
export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
}
export interface Planted {
  row: number;
  id: string;
  column: string;
  code: string;
}
export interface Sheet {
  header: string[];
  records: Record[];
  planted: Planted[];
}
export const HEADER: string[];
export const VALUATION_MONTH: string;
export function rng(seed: number): Rng;
export function withCheckDigit(body: string): string;
export function generateHousehold(r: Rng, index: number): { id: string; row: Record; extras: Record[] };
export function generateSalon(opts?: { count?: number; seed?: number; badEvery?: number }): Sheet;
export function toCsv(sheet: { header: string[]; records: Record[] }): string;
export function encodeGb18030(text: string): Buffer;
export function toXlsx(sheet: { header: string[]; records: Record[] }): Promise<Buffer>;
export function templateRecords(): Record[];
