import type { Plan } from '../../src/engine/plan-types.js';
import { compileTemplates } from '../../src/report/narrative/templates.js';
import { buildRisk } from '../../src/report/model/sections.js';
import { readRenderAssets } from '../../src/apps/assets.js';

/** The stress-test sentences and row labels of a plan, as the report words them. */
export function renderFindingTexts(plan: Plan): string[] {
  const risk = buildRisk(plan, compileTemplates(readRenderAssets().templates));
  return [...risk.stressSentences, ...risk.stress.map((r) => String(r.cells[0]))];
}
