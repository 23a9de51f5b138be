/**
 * finplan as a library. The CLI, batch workers and the HTTP API use exactly these functions.
 */
export { validate, planFromInput } from './api.js';
export { buildPlan, type BuildPlanOptions } from './engine/plan.js';
export type { Plan } from './engine/plan-types.js';
export { PLAN_FORMAT_VERSION } from './engine/plan-types.js';
export { ENGINE_VERSION } from './engine/version.js';
export { compose, composeDocument, type ComposedDocument } from './report/pdf/compose.js';
export { createRenderContext, type RenderContext, type RenderAssets } from './report/context.js';
export { renderOptionsSchema, type RenderOptions } from './report/options.js';
export { loadRenderContext, readRenderAssets } from './apps/assets.js';
export { calculators, runCalculator } from './engine/calculators/index.js';
export { profileSchema, type Profile, type ProfileInput } from './domain/profile.js';
export type { InputIssue } from './domain/issues.js';
export { ERRORS, FinplanError, type ErrorCode } from './errors.js';
