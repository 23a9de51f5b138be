/**
 * Wording lives in templates/ so a bank can edit it without touching code. These tests keep the
 * templates and the engine's codes in step: every finding and action code has a template, and a
 * template may use only the data the code declares (Handlebars strict mode throws otherwise).
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRenderAssets } from '../../src/apps/assets.js';
import { ACTIONS, ACTION_CODES, FINDINGS, FINDING_CODES, type DatumKind } from '../../src/engine/findings.js';
import { viewOf } from '../../src/report/model/findings.js';
import { compileTemplates } from '../../src/report/narrative/templates.js';

const templates = compileTemplates(readRenderAssets().templates);
const names = { member: (id: string) => `成员${id}`, goal: (id: string) => `目标${id}` };

const SAMPLE: Record<DatumKind, unknown> = {
  money: '123456.78',
  rate: '0.0525',
  count: 10000,
  year: 2031,
  age: 87,
  months: 12,
  member: 'self',
  members: 'self,spouse',
  goal: 'home',
  level: 'C3',
  cover: 'life',
  category: 'male60',
  change: 'spend_less',
  scheme: 'urban_rural_resident',
  flag: true,
  text: '北京',
};

function sampleData(spec: Readonly<Record<string, DatumKind>>, negative = false): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(spec).map(([k, kind]) => [
      k,
      negative && (kind === 'money' || kind === 'rate') ? `-${String(SAMPLE[kind])}` : SAMPLE[kind],
    ]),
  );
}

describe('finding templates', () => {
  it.each(FINDING_CODES)('%s has a template that uses only its declared data', (code) => {
    expect(templates.has(`findings/${code}`)).toBe(true);
    for (const negative of [false, true]) {
      const text = templates.render(
        `findings/${code}`,
        viewOf(FINDINGS[code], sampleData(FINDINGS[code], negative), names),
      );
      expect(text.length).toBeGreaterThan(5);
      expect(text).not.toMatch(/undefined|null|NaN|\[object/);
    }
  });
});

describe('action templates', () => {
  it.each(ACTION_CODES)('%s has a template that uses only its declared data', (code) => {
    expect(templates.has(`actions/${code}`)).toBe(true);
    const text = templates.render(`actions/${code}`, viewOf(ACTIONS[code], sampleData(ACTIONS[code]), names));
    expect(text).not.toMatch(/undefined|null|NaN/);
  });
});

describe('no orphan templates', () => {
  it('every findings/ and actions/ template belongs to a code', () => {
    const dir = new URL('../../templates/', import.meta.url).pathname;
    for (const [folder, codes] of [
      ['findings', FINDING_CODES],
      ['actions', ACTION_CODES],
    ] as const)
      for (const f of readdirSync(`${dir}${folder}`))
        expect(codes as readonly string[]).toContain(f.replace(/\.hbs$/, ''));
  });

  it('a template with a syntax error fails when the templates are loaded, not when first used', () => {
    expect(() => compileTemplates({ ok: '{{gap}}', x: '缺口 {{#if gap}}{{gap}}' })).toThrow(
      /模板 x 无法编译/,
    );
  });

  it('a template that uses a variable the model lacks fails loudly', () => {
    const t = compileTemplates({ x: '缺口 {{noSuchField}}' });
    expect(() => t.render('x', { gap: '1' })).toThrow(/变量/);
  });
});
