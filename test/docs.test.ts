import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { profileSchemaText, renderProfileDoc } from '../src/apps/docs.js';

const read = (p: string) => readFileSync(new URL(`../docs/${p}`, import.meta.url), 'utf8');

describe('generated docs are current (run `npm run docs` after changing the profile schema)', () => {
  it('docs/profile.schema.json', () => {
    expect(read('profile.schema.json')).toBe(profileSchemaText());
  });

  it('docs/profile.md field table', () => {
    const md = read('profile.md');
    expect(renderProfileDoc(md)).toBe(md);
  });
});
