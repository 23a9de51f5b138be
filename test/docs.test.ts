import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderCalculatorsDoc } from '../src/apps/calculators-doc.js';
import { planSchemaText, profileSchemaText, renderPlanDoc, renderProfileDoc } from '../src/apps/docs.js';

const read = (p: string) => readFileSync(new URL(`../docs/${p}`, import.meta.url), 'utf8');

describe('generated docs are current (run `npm run docs` after changing the profile schema)', () => {
  it('docs/profile.schema.json', () => {
    expect(read('profile.schema.json')).toBe(profileSchemaText());
  });

  it('docs/profile.md field table', () => {
    const md = read('profile.md');
    expect(renderProfileDoc(md)).toBe(md);
  });

  it('docs/plan.schema.json and docs/plan-format.md', () => {
    expect(read('plan.schema.json')).toBe(planSchemaText());
    const md = read('plan-format.md');
    expect(renderPlanDoc(md)).toBe(md);
  });

  it('docs/calculators.md: field tables, formula sections, and every example run with its output', () => {
    const md = read('calculators.md');
    expect(renderCalculatorsDoc(md)).toBe(md);
  });
});
