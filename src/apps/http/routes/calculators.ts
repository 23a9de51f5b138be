/**
 * The calculator catalogue over HTTP: GET /v1/calculators lists it, POST /v1/calculators/{name}
 * runs one and answers exactly what runCalculator returns. Routes come from the catalogue itself,
 * so a calculator added to src/engine/calculators is served and documented without a change here.
 *
 * Calculators run on this thread: they are pure, bounded by their input schemas and take well
 * under a millisecond, far less than a hop to a worker (which could also queue them behind PDFs).
 */
import { z } from 'zod';
import {
  CALCULATOR_NAMES,
  calculatorJsonSchema,
  calculators,
  runCalculator,
  type CalculatorDef,
} from '../../../engine/calculators/index.js';
import type { RouteModule } from '../context.js';
import { JSON_TYPE, sendBytes } from '../send.js';
import { errorResponses, validateWith } from '../validation.js';

const anyInput = z.unknown();
const anyOutput = z.looseObject({}).describe('计算结果：金额为十进制文本（元），比率为小数文本');

const listSchema = z.strictObject({
  calculators: z.array(
    z.strictObject({
      name: z.string(),
      title: z.string(),
      description: z.string(),
      path: z.string().describe('调用地址'),
      inputSchema: z.record(z.string(), z.unknown()).describe('输入的 JSON Schema'),
    }),
  ),
});

export const calculatorRoutes: RouteModule = (app) => {
  // Built once: the JSON Schemas do not change while the server runs.
  const listing = JSON.stringify({
    calculators: CALCULATOR_NAMES.map((name) => ({
      name,
      title: calculators[name].title,
      description: calculators[name].description,
      path: `/v1/calculators/${name}`,
      inputSchema: calculatorJsonSchema(name),
    })),
  });

  app.get(
    '/v1/calculators',
    {
      config: { scope: 'calculators' },
      schema: {
        summary: '列出全部计算器及其输入的 JSON Schema',
        tags: ['calculators'],
        security: [{ bearerAuth: [] }],
        response: { 200: listSchema, ...errorResponses(401, 403, 429) },
      },
    },
    async (_req, reply) => sendBytes(reply, JSON_TYPE, listing),
  );

  const run = async (name: string, input: unknown, reply: unknown) =>
    sendBytes(reply, JSON_TYPE, JSON.stringify(runCalculator(name, input)));

  // One documented route per calculator, with its own input schema in the OpenAPI document.
  for (const name of CALCULATOR_NAMES) {
    const calc = calculators[name] as CalculatorDef<z.ZodType, unknown>;
    // runCalculator validates (with the calculator's title in its message); the schema documents.
    validateWith(calc.inputSchema, anyInput);
    app.post(
      `/v1/calculators/${name}`,
      {
        config: { scope: 'calculators' },
        schema: {
          summary: `${calc.title}（${name}）`,
          description: calc.description,
          tags: ['calculators'],
          security: [{ bearerAuth: [] }],
          body: calc.inputSchema,
          response: { 200: anyOutput, ...errorResponses(400, 401, 403, 413, 415, 422, 429) },
        },
      },
      async (req, reply) => run(name, req.body, reply),
    );
  }

  // Any other name: runCalculator answers FINPLAN_E_UNKNOWN_CALCULATOR (404) listing the names.
  app.post(
    '/v1/calculators/:name',
    {
      config: { scope: 'calculators' },
      schema: {
        summary: '按名称运行计算器（未知名称返回 404）',
        tags: ['calculators'],
        security: [{ bearerAuth: [] }],
        params: z.strictObject({ name: z.string().max(64) }),
        body: anyInput,
        response: { 200: anyOutput, ...errorResponses(400, 401, 403, 404, 413, 415, 422, 429) },
      },
    },
    async (req, reply) => run((req.params as { name: string }).name, req.body, reply),
  );
};
