/** The rules-as-dated-data layer: china-rules.md as tables with dates, sources and certainty. */
export * from './dated.js';
export * from './iit.js';
export * from './social-insurance.js';
export * from './pension.js';
export * from './retirement-age.js';
export * from './loans.js';
export * from './benefits.js';
export * from './assumptions.js';
export * from './ruleset.js';
