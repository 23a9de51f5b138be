import {
  runCalculator,
  type CalculatorName,
  type CalculatorOutput,
} from '../../../src/engine/calculators/index.js';
import { FinplanError } from '../../../src/errors.js';

/** Run a calculator through its front door (schema + run) with a typed result. */
export function calc<N extends CalculatorName>(name: N, input: unknown): CalculatorOutput<N> {
  return runCalculator(name, input) as CalculatorOutput<N>;
}

/** The FinplanError a call throws, or undefined. */
export function errorOf(fn: () => unknown): FinplanError | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (e instanceof FinplanError) return e;
    throw e;
  }
}
