import { describe, expect, it } from 'vitest';
import { CALCULATOR_NAMES, calculatorJsonSchema } from '../../../src/engine/calculators/index.js';

type Schema = {
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
};

/** Every leaf input field of a calculator, with its key and description. */
function leaves(s: Schema, path = '', key = ''): { path: string; key: string; s: Schema }[] {
  const obj =
    s.type === 'array' && s.items?.type === 'object' ? s.items : s.type === 'object' ? s : undefined;
  if (!obj) return [{ path, key, s }];
  return Object.entries(obj.properties ?? {}).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k, k));
}

describe('every calculator input field documents its unit (for the portal and docs/calculators.md)', () => {
  const fields = CALCULATOR_NAMES.flatMap((n) =>
    leaves(calculatorJsonSchema(n) as Schema).map((f) => ({ ...f, path: `${n}: ${f.path}` })),
  );

  it('every field has a description', () => {
    expect(fields.filter((f) => !f.s.description).map((f) => f.path)).toEqual([]);
  });

  it('decimals say 元 (元/月, 元/年) or 小数 (rates such as 0.035) or a count of months/years; integers their unit', () => {
    const missing = fields.filter(({ s }) => {
      const d = s.description ?? '';
      const decimal = Array.isArray(s.type) && s.type.includes('number');
      if (decimal) return !/元|小数|倍|（月|（年|（期|期数/.test(d);
      if (s.type === 'integer') return !/月|年|岁|人|序号|期/.test(d);
      return false;
    });
    expect(missing.map((f) => `${f.path} — ${f.s.description}`)).toEqual([]);
  });

  it('monthly… money fields say 元/月 and annual… money fields 元/年', () => {
    const wrong = fields.filter(({ key, s }) => {
      const d = s.description ?? '';
      if (!(Array.isArray(s.type) && s.type.includes('number')) || !d.includes('元')) return false;
      if (/^monthly[A-Z]/.test(key)) return !d.includes('元/月');
      if (/^annual[A-Z]/.test(key) && !/Rate|Return/.test(key)) return !d.includes('元/年');
      return false;
    });
    expect(wrong.map((f) => `${f.path} — ${f.s.description}`)).toEqual([]);
  });
});
