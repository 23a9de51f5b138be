import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERRORS } from '../src/errors.js';

describe('error registry and docs/errors.md', () => {
  const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');
  const rows = new Map<string, { exit: number; http: number; title: string }>();
  for (const line of doc.split('\n')) {
    const m = /^\| (FINPLAN_E_[A-Z_]+) \| (\d+) \| (\d+) \| ([^|]+) \|/.exec(line);
    if (m) rows.set(m[1]!, { exit: Number(m[2]), http: Number(m[3]), title: m[4]!.trim() });
  }

  it('documents every registered error with its exit code, HTTP status and title', () => {
    for (const [code, spec] of Object.entries(ERRORS)) {
      expect(rows.get(code), code).toEqual({ exit: spec.exitCode, http: spec.httpStatus, title: spec.title });
    }
  });

  it('documents no error that the registry lacks', () => {
    expect([...rows.keys()].sort()).toEqual(Object.keys(ERRORS).sort());
  });
});
