/**
 * Every error answer has one shape, `{ code, message, issues, requestId }`, with the registry's
 * HTTP status (src/errors.ts): our own FinplanErrors, failures returned by a render worker, and
 * Fastify's and its plugins' errors (body too large, wrong media type, validation) translated to
 * registered codes with Chinese messages. No answer ever carries a stack trace or an error message
 * we did not write (a parser's message may quote the request body).
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { fromZodIssue, type InputIssue, type PathSegment } from '../../domain/issues.js';
import { ERRORS, FinplanError, type ErrorCode } from '../../errors.js';
import type { RenderFailure } from '../pool/types.js';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  issues: InputIssue[];
  requestId: string;
}

/** A failure that came back from a render worker as plain data (its code, message and issues). */
export class WorkerFailure extends Error {
  constructor(readonly failure: RenderFailure) {
    super(failure.code);
    this.name = 'WorkerFailure';
  }
}

/** Seconds a client should wait before retrying a 429 or 503. */
export const RETRY_AFTER_SECONDS = 2;

interface Translated {
  code: ErrorCode;
  message: string;
  issues: InputIssue[];
}

function registered(code: ErrorCode, detail?: string, issues: InputIssue[] = []): Translated {
  const e = new FinplanError(code, detail, { issues });
  return { code: e.code, message: e.message, issues: e.issues };
}

/** Fastify's validation errors from the zod type provider, back into our issues. */
function validationIssues(err: FastifyError): InputIssue[] {
  if (!hasZodFastifySchemaValidationErrors(err)) return [];
  return err.validation.flatMap((v) => {
    // The provider flattens zod's path to "/a/0/b"; list indices come back as numbers so the
    // Chinese description reads "第 1 项".
    const path: PathSegment[] = v.instancePath
      .split('/')
      .filter(Boolean)
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    return fromZodIssue({
      ...v.params,
      code: v.keyword,
      path,
      message: v.message,
    } as unknown as z.core.$ZodIssue);
  });
}

export function translateError(err: unknown, bodyLimitBytes: number): Translated {
  if (err instanceof FinplanError) return { code: err.code, message: err.message, issues: err.issues };
  if (err instanceof WorkerFailure) return { ...err.failure };
  const e = err as Partial<FastifyError>;
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return registered('FINPLAN_E_INPUT_TOO_LARGE', `请求体超过 ${Math.floor(bodyLimitBytes / 1024)} KB`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? registered('FINPLAN_E_UNSUPPORTED_MEDIA_TYPE', '请以 Content-Type: application/json 发送 JSON')
        : registered('FINPLAN_E_INVALID_REQUEST', 'Content-Length 与请求体长度不符');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return registered('FINPLAN_E_INVALID_JSON', '请求体为空');
    default:
      break;
  }
  if (e.validation) {
    const issues = validationIssues(e as FastifyError);
    return registered(
      'FINPLAN_E_INVALID_REQUEST',
      issues.length ? `共 ${issues.length} 处问题` : undefined,
      issues,
    );
  }
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status === 404) return registered('FINPLAN_E_NOT_FOUND');
  if (status === 408) return registered('FINPLAN_E_TIMEOUT', '请求未能在时限内收完');
  if (status === 413) return registered('FINPLAN_E_INPUT_TOO_LARGE');
  if (status === 415) return registered('FINPLAN_E_UNSUPPORTED_MEDIA_TYPE');
  if (status === 429) return registered('FINPLAN_E_RATE_LIMITED');
  if (status >= 400 && status < 500) return registered('FINPLAN_E_INVALID_REQUEST');
  return registered('FINPLAN_E_INTERNAL');
}

/**
 * The error handler for the whole server. Server-side failures are logged with their code and the
 * stack's frames only: an error's message may quote the input, the frames never do.
 */
export function makeErrorHandler(bodyLimitBytes: number) {
  return (err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    // A route may set its own limit (the batch upload's is megabytes, not the JSON body's kilobytes).
    let t = translateError(err, req.routeOptions?.bodyLimit ?? bodyLimitBytes);
    const accepts = req.routeOptions?.config?.accepts;
    if (accepts && (err as Partial<FastifyError>)?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      t = registered('FINPLAN_E_UNSUPPORTED_MEDIA_TYPE', `请以 ${accepts} 发送`);
    const status = ERRORS[t.code].httpStatus;
    if (status >= 500 && t.code !== 'FINPLAN_E_BUSY' && t.code !== 'FINPLAN_E_TIMEOUT') {
      const frames =
        err instanceof Error && !(err instanceof WorkerFailure) ? err.stack?.split('\n').slice(1) : [];
      req.log.error({ code: t.code, errorClass: (err as Error)?.name, frames }, 'request failed');
    }
    if (status === 429 || status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    if (status === 401) reply.header('www-authenticate', 'Bearer realm="finplan"');
    const body: ErrorBody = { code: t.code, message: t.message, issues: t.issues, requestId: String(req.id) };
    // An error answer is JSON whatever the client asked for (a PDF client still needs the reason).
    return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
  };
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  const t = registered(
    'FINPLAN_E_NOT_FOUND',
    `${req.method} ${(req.url.split('?')[0] ?? '').slice(0, 200)}（接口列表见 /docs）`,
  );
  const body: ErrorBody = { ...t, requestId: String(req.id) };
  return reply.code(404).type('application/json; charset=utf-8').send(JSON.stringify(body));
}
