/**
 * Findings and actions as template models: every datum formatted by its kind (findings.ts in the
 * engine), so templates read like sentences: {{gap}} → "42.3 万元", {{age}} → "87 岁".
 *
 * For money and rates the view also carries `<key>Raw` (a number, for {{#if (gt gapRaw 0)}}) and
 * `<key>Negative`, so a template can say "增加" or "减少" without arithmetic.
 */
import { GOAL_TYPES, PENSION_SCHEMES, RETIREMENT_CATEGORIES, RISK_LEVELS } from '../../domain/codes.js';
import { dec } from '../../domain/money.js';
import {
  ACTIONS,
  FINDINGS,
  type ActionCode,
  type DatumKind,
  type FindingCode,
} from '../../engine/findings.js';
import type { Plan } from '../../engine/plan-types.js';
import { ageText, formatNumber, monthText, percent, spoken, yearText } from '../format.js';

export const COVER_LABELS: Record<string, string> = {
  life: '寿险',
  criticalIllness: '重疾险',
  medical: '医疗险',
  accident: '意外险',
};

export const CHANGE_LABELS: Record<string, string> = {
  save_more: '多储蓄（减少可选支出）',
  spend_less: '少支出（生活支出整体减少）',
  retire_later: '推迟退休',
  lower_risk_allocation: '降低一档风险的资产配置',
};

export type View = Record<string, string | number | boolean | null>;

export interface Names {
  member(id: string): string;
  goal(id: string): string;
}

export function namesOf(plan: Plan): Names {
  const members = new Map(plan.members.map((m) => [m.id, m.name]));
  const goals = new Map(plan.goals.map((g) => [g.goalId, g.label || GOAL_TYPES.labels[g.type]]));
  return {
    member: (id) => members.get(id) ?? id,
    goal: (id) => goals.get(id) ?? id,
  };
}

function formatDatum(kind: DatumKind, value: unknown, names: Names): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'money':
      return spoken(dec(String(value)).abs());
    case 'rate':
      // Like money: the words carry the direction (下跌 30%, 减少 0.5%), the sign goes to <key>Negative.
      return percent(dec(String(value)).abs(), 1);
    case 'count':
      return formatNumber(String(value), 0);
    case 'year':
      return yearText(Number(value));
    case 'age':
      return ageText(Number(value));
    case 'months':
      return `${Number(value)} 个月`;
    case 'member':
      return names.member(String(value));
    case 'members':
      return String(value)
        .split(',')
        .map((id) => names.member(id))
        .join('、');
    case 'goal':
      return names.goal(String(value));
    case 'level':
      return `${String(value)}（${RISK_LEVELS.labels[value as keyof typeof RISK_LEVELS.labels] ?? ''}）`;
    case 'cover':
      return COVER_LABELS[String(value)] ?? '保障';
    case 'category':
      return RETIREMENT_CATEGORIES.labels[value as keyof typeof RETIREMENT_CATEGORIES.labels] ?? '相应类别';
    case 'scheme':
      // A code never reaches a page (docs/style.md): an unknown one reads as a plain description.
      return PENSION_SCHEMES.labels[value as keyof typeof PENSION_SCHEMES.labels] ?? '其他养老保险';
    case 'change':
      return CHANGE_LABELS[String(value)] ?? '其他调整';
    case 'flag':
      return Boolean(value);
    case 'text':
      return String(value);
  }
}

/** A template model for a datum spec: every declared key present (null when absent). */
export function viewOf(
  spec: Readonly<Record<string, DatumKind>>,
  data: Record<string, unknown>,
  names: Names,
): View {
  const view: View = {};
  for (const [key, kind] of Object.entries(spec)) {
    const value = data[key];
    view[key] = formatDatum(kind, value, names);
    if (kind === 'money' || kind === 'rate') {
      const raw = value === null || value === undefined ? null : Number(value);
      view[`${key}Raw`] = raw;
      view[`${key}Negative`] = raw !== null && raw < 0;
    }
  }
  return view;
}

export function findingView(code: FindingCode, data: Record<string, unknown>, names: Names): View {
  return viewOf(FINDINGS[code], data, names);
}

export function actionView(code: ActionCode, data: Record<string, unknown>, names: Names): View {
  return viewOf(ACTIONS[code], data, names);
}

/** Due month as the client reads it. */
export function dueText(ym: string): string {
  return monthText(ym);
}
