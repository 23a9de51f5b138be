/**
 * docs/calculators.md below its hand-written preamble is generated from the catalogue: for each
 * calculator its title, field table (from the input JSON Schema and its .describe() texts), every
 * example of src/engine/calculators/examples.ts with the output the code gives for it, and the
 * formula section (the calculator module's leading doc comment). `npm run docs` writes it;
 * test/docs.test.ts regenerates it and fails when it differs, so every documented example is
 * executed by the test suite.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CALCULATOR_EXAMPLES } from '../engine/calculators/examples.js';
import {
  CALCULATOR_NAMES,
  calculatorJsonSchema,
  calculators,
  runCalculator,
} from '../engine/calculators/index.js';
import { PACKAGE_ROOT } from './assets.js';
import { schemaFieldRows, type Schema } from './schema-table.js';

function typeText(s: Schema): string {
  if (s.const !== undefined) return `\`${JSON.stringify(s.const)}\``;
  if (s.enum) return s.enum.map((e) => `\`${String(e)}\``).join(' / ');
  if (s.anyOf) return s.anyOf.map(typeText).join(' \\| ');
  return Array.isArray(s.type) ? s.type.join(' \\| ') : (s.type ?? '');
}

/** Lists of rows longer than this show their first three rows, a marker and the last row. */
const LONG_ARRAY = 6;

function abbreviate(value: unknown): { value: unknown; abbreviated: boolean } {
  let abbreviated = false;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      if (v.length > LONG_ARRAY && v.every((x) => x !== null && typeof x === 'object')) {
        abbreviated = true;
        const omitted = v.length - 4;
        return [
          ...v.slice(0, 3).map(walk),
          `…（省略 ${omitted} 项 / ${omitted} more rows omitted）…`,
          walk(v[v.length - 1]),
        ];
      }
      return v.map(walk);
    }
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  const out = walk(value);
  return { value: out, abbreviated };
}

const json = (v: unknown) => ['```json', JSON.stringify(v, null, 2), '```'].join('\n');

/** The module's leading doc comment, without the comment markers. */
function formulaText(name: string): string {
  const src = readFileSync(join(PACKAGE_ROOT, 'src', 'engine', 'calculators', `${name}.ts`), 'utf8');
  const m = /^\/\*\*\n([\s\S]*?)\n \*\//.exec(src);
  if (!m?.[1]) throw new Error(`src/engine/calculators/${name}.ts has no leading doc comment`);
  return m[1]
    .split('\n')
    .map((l) => l.replace(/^ \* ?/, '').replace(/^ \*$/, ''))
    .join('\n');
}

function section(name: (typeof CALCULATOR_NAMES)[number]): string {
  const c = calculators[name];
  const parts = [`## \`${name}\` — ${c.title}`, c.description, '### 输入 / Input fields'];
  const table = ['| 字段 | 类型 | 必填 | 说明 |', '|---|---|---|---|'];
  schemaFieldRows(calculatorJsonSchema(name) as Schema, typeText, '', true, table);
  parts.push(table.join('\n'));
  const examples = CALCULATOR_EXAMPLES[name];
  parts.push(examples.length > 1 ? '### 示例 / Examples' : '### 示例 / Example');
  examples.forEach((ex, k) => {
    if (examples.length > 1) parts.push(`#### ${k + 1}. ${ex.title}`);
    else parts.push(ex.title);
    const { value, abbreviated } = abbreviate(runCalculator(name, ex.input));
    parts.push('Input:', json(ex.input), abbreviated ? 'Output (abbreviated):' : 'Output:', json(value));
  });
  parts.push(
    '### 公式、约定与来源 / Formula, conventions, source',
    ['```text', formulaText(name), '```'].join('\n'),
  );
  return parts.join('\n\n');
}

export function calculatorCatalogueText(): string {
  return CALCULATOR_NAMES.map(section).join('\n\n');
}

const BEGIN = '<!-- BEGIN GENERATED CATALOGUE (npm run docs) -->';
const END = '<!-- END GENERATED CATALOGUE -->';

/** docs/calculators.md with its generated part replaced by the current catalogue. */
export function renderCalculatorsDoc(current: string): string {
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (start < 0 || end < 0) throw new Error('docs/calculators.md lacks the generated-catalogue markers');
  return `${current.slice(0, start + BEGIN.length)}\n\n${calculatorCatalogueText()}\n\n${current.slice(end)}`;
}
