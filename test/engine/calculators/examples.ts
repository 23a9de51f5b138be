import { CALCULATOR_EXAMPLES } from '../../../src/engine/calculators/examples.js';

/**
 * A valid example input per calculator (the first of src/engine/calculators/examples.ts): the
 * registry fuzz tests perturb them, and docs/calculators.md shows them with their output.
 */
export const EXAMPLES: Record<string, Record<string, unknown>> = Object.fromEntries(
  Object.entries(CALCULATOR_EXAMPLES).map(([name, list]) => [
    name,
    (list[0] as { input: Record<string, unknown> }).input,
  ]),
);
