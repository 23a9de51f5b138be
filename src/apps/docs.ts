/**
 * Generates the reference documents that must stay in step with the code:
 *   docs/profile.schema.json  the household profile's JSON Schema (input side)
 *   docs/profile.md           the same, as a field table between generated markers
 *   docs/plan.schema.json     the Plan's JSON Schema (from planSchema)
 *   docs/plan-format.md       its field table
 *   docs/calculators.md       the calculator catalogue with executed examples (calculators-doc.ts)
 * `npm run docs` writes them; test/docs.test.ts fails when they are stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { profileJsonSchema } from '../domain/json-schema.js';
import { planSchema } from '../engine/plan-types.js';
import { PACKAGE_ROOT } from './assets.js';
import { schemaFieldRows, type Schema } from './schema-table.js';
import { renderCalculatorsDoc } from './calculators-doc.js';

function typeText(s: Schema): string {
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return s.enum.map((e) => `\`${String(e)}\``).join(' / ');
  if (s.anyOf) return s.anyOf.map(typeText).join(' 或 ');
  const t = Array.isArray(s.type) ? s.type.join(' 或 ') : (s.type ?? '');
  if (t === 'number 或 string') return '金额/比率：数字或十进制文本';
  if (s.type === 'array') return `列表（最多 ${s.maxItems ?? '∞'} 项）`;
  if (s.type === 'string' && s.pattern?.includes('0[1-9]|1[0-2]')) return 'YYYY-MM';
  if (s.type === 'string' && s.maxLength) return `文本（≤ ${s.maxLength} 字）`;
  if (s.type === 'integer' || s.type === 'number')
    return `${s.type === 'integer' ? '整数' : '数字'}${s.minimum !== undefined ? ` ${s.minimum}–${s.maximum ?? ''}` : ''}`;
  return t;
}

function fieldTable(schema: Schema): string {
  const out = ['| 字段 | 类型 | 必填 | 说明 |', '|---|---|---|---|'];
  schemaFieldRows(schema, typeText, '', true, out);
  return out.join('\n');
}

export function profileFieldTable(): string {
  return fieldTable(profileJsonSchema() as Schema);
}

export function planJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(planSchema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
}

export function planFieldTable(): string {
  return fieldTable(planJsonSchema() as Schema);
}

const BEGIN = '<!-- BEGIN GENERATED FIELD TABLE (npm run docs) -->';
const END = '<!-- END GENERATED FIELD TABLE -->';

function withTable(current: string, table: string, file: string): string {
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`${file} lacks the generated-table markers`);
  return `${current.slice(0, start + BEGIN.length)}\n\n${table}\n\n${current.slice(end)}`;
}

export function renderProfileDoc(current: string): string {
  return withTable(current, profileFieldTable(), 'docs/profile.md');
}

export function renderPlanDoc(current: string): string {
  return withTable(current, planFieldTable(), 'docs/plan-format.md');
}

export function profileSchemaText(): string {
  return `${JSON.stringify(profileJsonSchema(), null, 2)}\n`;
}

export function planSchemaText(): string {
  return `${JSON.stringify(planJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && process.argv[1].endsWith('docs.js')) {
  const docs = join(PACKAGE_ROOT, 'docs');
  writeFileSync(join(docs, 'profile.schema.json'), profileSchemaText());
  const md = join(docs, 'profile.md');
  writeFileSync(md, renderProfileDoc(readFileSync(md, 'utf8')));
  writeFileSync(join(docs, 'plan.schema.json'), planSchemaText());
  const planMd = join(docs, 'plan-format.md');
  writeFileSync(planMd, renderPlanDoc(readFileSync(planMd, 'utf8')));
  const calcMd = join(docs, 'calculators.md');
  writeFileSync(calcMd, renderCalculatorsDoc(readFileSync(calcMd, 'utf8')));
  process.stderr.write(
    'docs/profile.*, docs/plan.schema.json, docs/plan-format.md and docs/calculators.md written\n',
  );
}
