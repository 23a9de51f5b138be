import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SAMPLES_DIR = new URL('../../samples/', import.meta.url).pathname;

/** The good samples, by file name without extension. */
export function goodSampleNames(): string[] {
  return readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

export function readSample(name: string): unknown {
  return JSON.parse(readFileSync(join(SAMPLES_DIR, `${name}.json`), 'utf8'));
}

export function readBadSample(name: string): unknown {
  return JSON.parse(readFileSync(join(SAMPLES_DIR, 'bad', `${name}.json`), 'utf8'));
}

export function samplePath(name: string): string {
  return join(SAMPLES_DIR, `${name}.json`);
}
