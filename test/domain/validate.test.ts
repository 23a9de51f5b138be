import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/api.js';
import { ISSUE_CODES } from '../../src/domain/issues.js';
import { goodSampleNames, readBadSample, readSample } from '../helpers/samples.js';

describe('good samples', () => {
  it.each(goodSampleNames())('%s validates', (name) => {
    const r = validate(readSample(name));
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it('there are five good samples', () => {
    expect(goodSampleNames()).toHaveLength(5);
  });
});

/** Each bad sample, with exactly the problems it must report (path and code). */
const EXPECTED: Record<string, [string, string][]> = {
  'wrong-types': [
    ['members[0].birthMonth', 'invalid_type'],
    ['members[0].contributionYears', 'invalid_decimal'],
    ['incomes[0].amount', 'invalid_decimal'],
    ['risk.level', 'invalid_enum'],
  ],
  'negative-amounts': [
    ['incomes[0].amount', 'out_of_range'],
    ['spending[0].amount', 'out_of_range'],
    ['assets[1].value', 'out_of_range'],
  ],
  // The son's age-based goals (university at 18, master's at 22) then fall in the past too.
  'child-older-than-parent': [
    ['members[2].birthMonth', 'child_older_than_parent'],
    ['goals[0].age', 'goal_in_past'],
    ['goals[2].age', 'goal_in_past'],
  ],
  'goal-in-the-past': [['goals[0].year', 'goal_in_past']],
  'misspelt-key': [
    ['members[0].birthMoth', 'unknown_key'],
    ['members[0].birthMonth', 'required'],
    ['incomes[0].ammount', 'unknown_key'],
    ['incomes[0].amount', 'required'],
  ],
};

describe('bad samples', () => {
  it.each(Object.entries(EXPECTED))('%s reports exactly its problems', (name, expected) => {
    const r = validate(readBadSample(name));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const got = r.issues.map((i) => [i.path, i.code]).sort();
    expect(got).toEqual([...expected].sort());
    for (const issue of r.issues) {
      expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
      expect(ISSUE_CODES).toContain(issue.code);
    }
  });

  it('names the field in Chinese and never echoes the value', () => {
    const r = validate(readBadSample('wrong-types'));
    if (r.ok) throw new Error('expected issues');
    const amount = r.issues.find((i) => i.path === 'incomes[0].amount');
    expect(amount?.message).toBe(
      '收入第 1 项的金额应为数字，或十进制数字文本（如 "12345.67"），最多 4 位小数',
    );
    const all = r.issues.map((i) => i.message).join('\n');
    expect(all).not.toContain('一万二');
    expect(all).not.toContain('19990301');
    expect(all).not.toContain('C9');
  });

  it('lists the allowed values of a fixed-choice number', () => {
    const raw = readSample('family-with-children-education-and-retirement') as {
      members: Array<Record<string, unknown>>;
    };
    raw.members[0]!.deductions = { childrenEducationShare: 2 };
    const r = validate(raw);
    if (r.ok) throw new Error('expected issues');
    expect(r.issues).toEqual([
      expect.objectContaining({
        path: 'members[0].deductions.childrenEducationShare',
        code: 'invalid_enum',
        message: '家庭成员第 1 位的个税扣除的子女教育扣除比例应为以下取值之一：0 / 0.5 / 1',
      }),
    ]);
  });
});

describe('validation never throws', () => {
  it('on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = validate(v);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('on a sample with any one field replaced by arbitrary JSON', () => {
    const base = readSample('family-with-children-education-and-retirement') as Record<string, unknown>;
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, p: (string | number)[]) => {
      paths.push(p);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
    };
    walk(base, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.jsonValue(), (path, value) => {
        const copy = structuredClone(base);
        let target: Record<string | number, unknown> = copy;
        for (const seg of path.slice(0, -1)) target = target[seg] as Record<string | number, unknown>;
        target[path[path.length - 1]!] = value;
        const r = validate(copy);
        if (!r.ok) for (const i of r.issues) expect(i.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
