/**
 * 家庭生命周期 by the textbook definition (issue 13, item 9; rule LIFE_STAGES, source: 理财规划师
 * 教材): 单身期 / 家庭形成期 (married, no child yet) / 家庭成长期 (from the first child's birth while
 * any child is under 22) / 家庭成熟期 (children independent) / 家庭衰老期 (the couple retired).
 */
import { describe, expect, it } from 'vitest';
import { planFromInput } from '../../src/api.js';
import type { ProfileInput } from '../../src/domain/profile.js';
import { readSample } from '../helpers/samples.js';

const stageOf = (input: unknown): string =>
  planFromInput(input, { risk: { trials: 20, candidateTrials: 20 } }).household.lifeStage;

describe('life stage', () => {
  it.each([
    ['young-beijing-salesman-startup-and-home', 'single'],
    // Children of 10 and 5: 成长期 (before: 形成期, because the youngest was under 6).
    ['family-with-children-education-and-retirement', 'growth'],
    ['single-parent-chengdu', 'growth'],
    ['business-owner-shenzhen-high-net-worth', 'growth'],
    ['retired-couple-shanghai', 'retirement'],
  ])('%s → %s', (name, stage) => expect(stageOf(readSample(name))).toBe(stage));

  it('a couple without children is 形成期; with children of 22+ 成熟期', () => {
    const family = readSample('family-with-children-education-and-retirement') as ProfileInput;
    const adults = new Set(family.members.filter((m) => m.role !== 'child').map((m) => m.id));
    const noKids = {
      ...family,
      members: family.members.filter((m) => adults.has(m.id)),
      insurance: family.insurance!.filter((x) => adults.has(x.insuredId)),
      goals: family.goals!.filter((g) => g.type !== 'education'),
    };
    expect(stageOf(noKids)).toBe('formation');
    const grown = structuredClone(family);
    for (const m of grown.members) if (m.role === 'child') m.birthMonth = '2004-01';
    grown.goals = family.goals!.filter((g) => g.type !== 'education');
    expect(stageOf(grown)).toBe('maturity');
  });
});
