import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CALCULATOR_NAMES,
  calculatorJsonSchema,
  calculators,
  runCalculator,
} from '../../../src/engine/calculators/index.js';
import { FinplanError } from '../../../src/errors.js';
import { EXAMPLES } from './examples.js';

const WEIRD = fc.oneof(
  fc.constantFrom(
    NaN,
    Infinity,
    -Infinity,
    0,
    -0,
    -1,
    1,
    1e308,
    -1e308,
    5e-324,
    1e21,
    0.1,
    0.5,
    2,
    12,
    359,
    360,
    1200,
  ),
  fc.constantFrom(
    '',
    ' ',
    'abc',
    '1e5',
    '0x10',
    '١٢',
    '-0',
    '00012.50',
    '999999999999999',
    '1.000000000000000000001',
    '-99',
  ),
  fc.constantFrom(
    null,
    true,
    false,
    [],
    {},
    [1],
    { a: 1 },
    '2025-13',
    '1899-12',
    '2026-01',
    'male60',
    'domestic',
  ),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 8 }),
);

function expectCodedOrResult(name: string, input: unknown): void {
  try {
    const out = runCalculator(name, input);
    // Results are plain JSON with no NaN/Infinity strings anywhere.
    const text = JSON.stringify(out);
    expect(text).not.toMatch(/NaN|Infinity/);
  } catch (e) {
    expect(e).toBeInstanceOf(FinplanError);
    expect((e as FinplanError).code).toBe('FINPLAN_E_INVALID_CALCULATOR_INPUT');
  }
}

describe('calculator registry', () => {
  it('has exactly the documented names, each with a Chinese title and a schema', () => {
    expect(CALCULATOR_NAMES).toEqual([
      'tvm',
      'mortgage',
      'mortgage-affordability',
      'iit',
      'annual-bonus',
      'social-insurance',
      'pension',
      'retirement-age',
      'savings',
      'education',
      'retirement',
      'insurance',
      'emergency-fund',
      'ratios',
    ]);
    for (const n of CALCULATOR_NAMES) {
      expect(calculators[n].name).toBe(n);
      expect(calculators[n].title).toMatch(/[\u4e00-\u9fff]/);
      const schema = calculatorJsonSchema(n);
      expect(schema.type).toBe('object');
      expect(schema.additionalProperties).toBe(false);
    }
  });

  it('every example runs', () => {
    for (const n of CALCULATOR_NAMES) expect(() => runCalculator(n, EXAMPLES[n])).not.toThrow();
  });

  it('an unknown name is FINPLAN_E_UNKNOWN_CALCULATOR', () => {
    for (const n of ['nope', '__proto__', 'constructor', 'toString'])
      expect(() => runCalculator(n, {})).toThrow(
        expect.objectContaining({ code: 'FINPLAN_E_UNKNOWN_CALCULATOR' }),
      );
  });

  it('bad input gives Chinese per-field issues', () => {
    try {
      runCalculator('mortgage', {
        tranches: [{ source: 'x', principal: -1 }],
        months: 0,
        method: 'equal_payment',
        extra: 1,
      });
      expect.unreachable();
    } catch (e) {
      const err = e as FinplanError;
      expect(err.code).toBe('FINPLAN_E_INVALID_CALCULATOR_INPUT');
      const paths = err.issues.map((i) => `${i.path}:${i.code}`);
      expect(paths).toEqual(
        expect.arrayContaining([
          'tranches[0].source:invalid_enum',
          'tranches[0].principal:out_of_range',
          'months:out_of_range',
          'extra:unknown_key',
        ]),
      );
      expect(err.issues.every((i) => /[\u4e00-\u9fff]/.test(i.message))).toBe(true);
    }
  });

  it('property: arbitrary JSON gives a result or the coded input error, never another throw', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CALCULATOR_NAMES), fc.jsonValue({ maxDepth: 3 }), (name, input) => {
        expectCodedOrResult(name, input);
      }),
      { numRuns: 300 },
    );
  });

  it('property: one field of a valid example replaced by anything gives a result or the coded error', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CALCULATOR_NAMES), fc.nat(), WEIRD, (name, k, value) => {
        const example = EXAMPLES[name]!;
        const keys = Object.keys(example);
        const key = keys[k % keys.length]!;
        expectCodedOrResult(name, { ...example, [key]: value });
      }),
      { numRuns: 400 },
    );
  });

  it('property: valid but extreme numbers never escape as another error', () => {
    const num = fc.oneof(
      fc.constantFrom(0, 1e-12, 0.99, -0.99, 1, 1200, 1e11),
      fc.double({ min: -1e11, max: 1e11, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('fv', 'pv', 'pmt', 'nper', 'rate', 'growingAnnuity', 'realRate'),
        num,
        num,
        num,
        num,
        num,
        fc.constantFrom('end', 'begin'),
        (solve, rate, nper, pmt, pv, growth, timing) => {
          expectCodedOrResult('tvm', {
            solve,
            rate,
            nper,
            pmt,
            pv,
            fv: 0,
            payment: pmt,
            growth,
            inflation: 0,
            timing,
          });
        },
      ),
      { numRuns: 150 },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(0, 0.0001, 0.36),
        fc.constantFrom(1, 2, 359, 360),
        fc.constantFrom(0.01, 1, 1e11),
        fc.constantFrom('equal_payment', 'equal_principal'),
        fc.integer({ min: 1, max: 359 }),
        (rate, months, principal, method, after) => {
          expectCodedOrResult('mortgage', {
            tranches: [{ source: 'commercial', principal, annualRate: rate }],
            months,
            method,
            includeSchedule: false,
            prepayment: { afterMonth: after, amount: principal },
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});
