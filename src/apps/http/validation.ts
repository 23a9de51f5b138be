/**
 * Request validation with zod, answering in our error shape. The route schemas do two jobs: they
 * document the API (OpenAPI, via the type provider's transform) and they validate. Where the
 * documented schema is not the right thing to check on this thread — the profile is checked in the
 * worker by the one validation every door uses, a calculator's input by runCalculator — a route
 * registers a lighter schema to validate with instead (validateWith).
 */
import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { fromZodIssue, ISSUE_CODES, PARSE_OPTIONS } from '../../domain/issues.js';
import { ERRORS, FinplanError, type ErrorCode } from '../../errors.js';

const substitutes = new WeakMap<z.ZodType, z.ZodType>();

/** Document `documented`, validate with `checked`. */
export function validateWith(documented: z.ZodType, checked: z.ZodType): void {
  substitutes.set(documented, checked);
}

const WHAT: Record<string, string> = {
  body: '请求体',
  params: '路径参数',
  querystring: '查询参数',
  headers: '请求头',
};

/** Every schema-checked part of a request fails as FINPLAN_E_INVALID_REQUEST with Chinese issues. */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  const effective = substitutes.get(schema) ?? schema;
  return (data: unknown) => {
    const result = effective.safeParse(data, PARSE_OPTIONS);
    if (result.success) return { value: result.data };
    const issues = result.error.issues.flatMap(fromZodIssue);
    return {
      error: new FinplanError(
        'FINPLAN_E_INVALID_REQUEST',
        `${WHAT[httpPart ?? 'body'] ?? '请求'}有 ${issues.length} 处问题`,
        { issues },
      ),
    };
  };
};

export const errorBodySchema = z
  .strictObject({
    code: z.enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]).describe('错误码，见 docs/errors.md'),
    message: z.string().describe('中文说明'),
    issues: z
      .array(
        z.strictObject({
          path: z.string().describe('出错字段的路径，如 members[1].birthMonth'),
          code: z.enum(ISSUE_CODES),
          message: z.string(),
        }),
      )
      .describe('逐项列出的输入问题'),
    requestId: z.string().describe('请求编号，与日志中的 reqId 一致'),
  })
  .meta({ id: 'Error' });

const STATUS_TEXT: Record<number, string> = {
  400: '请求格式或渲染选项不正确',
  401: '未通过身份认证（不说明原因）',
  403: '密钥没有该接口的权限',
  404: '没有这个接口或计算器',
  406: 'Accept 不是 application/pdf 或 application/json',
  413: '请求体超过大小上限',
  415: '请求体不是 application/json',
  422: '输入校验未通过，issues 列出每一处问题',
  429: '请求过于频繁，见 Retry-After',
  500: '内部错误（不含堆栈信息）',
  503: '服务繁忙或处理超时，见 Retry-After',
};

/** OpenAPI entries for the error answers a route can give. */
export function errorResponses(
  ...statuses: number[]
): Record<number, { description: string; content: Record<string, { schema: z.ZodType }> }> {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: STATUS_TEXT[s] ?? '错误', content: { 'application/json': { schema: errorBodySchema } } },
    ]),
  );
}
