/**
 * The registry of failures. Input problems and planning findings are data (InputIssue, findings in
 * the Plan); this registry is for the things that stop a run. Every failure has a stable code, a
 * process exit code for the CLI and batch, and an HTTP status for the API. docs/errors.md documents
 * each one, and a test keeps that page and this table in step.
 */
import type { InputIssue } from './domain/issues.js';

export interface ErrorSpec {
  exitCode: number;
  httpStatus: number;
  /** What it means, in Chinese, for people. */
  title: string;
}

export const ERRORS = {
  FINPLAN_E_INVALID_PROFILE: { exitCode: 2, httpStatus: 422, title: '家庭档案校验未通过' },
  FINPLAN_E_INVALID_JSON: { exitCode: 2, httpStatus: 400, title: '输入不是合法的 JSON' },
  FINPLAN_E_INPUT_ENCODING: { exitCode: 2, httpStatus: 400, title: '输入的文字编码无法识别' },
  FINPLAN_E_INPUT_TOO_LARGE: { exitCode: 2, httpStatus: 413, title: '输入超过大小上限' },
  FINPLAN_E_INVALID_CALCULATOR_INPUT: { exitCode: 2, httpStatus: 422, title: '计算器输入校验未通过' },
  FINPLAN_E_UNKNOWN_CALCULATOR: { exitCode: 2, httpStatus: 404, title: '没有这个计算器' },
  FINPLAN_E_INVALID_OPTIONS: { exitCode: 2, httpStatus: 400, title: '渲染选项不正确' },
  FINPLAN_E_SHEET_INVALID: { exitCode: 2, httpStatus: 422, title: '批量表格无法读取' },
  FINPLAN_E_BATCH_CONFIG_INVALID: { exitCode: 2, httpStatus: 400, title: '批量配置不正确' },
  FINPLAN_E_USAGE: { exitCode: 64, httpStatus: 400, title: '命令用法不正确' },
  FINPLAN_E_INPUT_NOT_FOUND: { exitCode: 3, httpStatus: 404, title: '找不到或无法读取输入文件' },
  FINPLAN_E_OUTPUT_WRITE: { exitCode: 4, httpStatus: 500, title: '无法写入输出文件' },
  FINPLAN_E_BRAND_INVALID: { exitCode: 5, httpStatus: 500, title: '品牌配置缺失或不正确' },
  FINPLAN_E_TEMPLATE_INVALID: { exitCode: 5, httpStatus: 500, title: '报告模板缺失或不正确' },
  FINPLAN_E_FONT_MISSING: { exitCode: 5, httpStatus: 500, title: '字体文件缺失或无法解析' },
  FINPLAN_E_UNSUPPORTED_PLAN: { exitCode: 6, httpStatus: 422, title: '规划数据的格式版本不受支持' },
  FINPLAN_E_INVALID_PLAN: { exitCode: 6, httpStatus: 422, title: '规划数据不符合格式' },
  FINPLAN_E_RENDER_FAILED: { exitCode: 6, httpStatus: 500, title: '生成 PDF 失败' },
  FINPLAN_E_QUEUE_UNAVAILABLE: { exitCode: 69, httpStatus: 503, title: '无法连接任务队列（Redis）' },
  FINPLAN_E_INTERNAL: { exitCode: 70, httpStatus: 500, title: '内部错误' },
  // The HTTP door's own failures. Exit codes follow sysexits.h for the few a process can meet
  // (EX_CONFIG for a bad serve config or keys file); the rest occur only as HTTP answers.
  FINPLAN_E_INVALID_CONFIG: { exitCode: 78, httpStatus: 500, title: '服务配置不正确' },
  FINPLAN_E_INVALID_REQUEST: { exitCode: 2, httpStatus: 400, title: '请求格式不正确' },
  FINPLAN_E_UNAUTHORIZED: { exitCode: 77, httpStatus: 401, title: '未通过身份认证' },
  FINPLAN_E_FORBIDDEN: { exitCode: 77, httpStatus: 403, title: '无权访问该接口' },
  FINPLAN_E_NOT_FOUND: { exitCode: 2, httpStatus: 404, title: '没有这个接口' },
  FINPLAN_E_NOT_ACCEPTABLE: { exitCode: 2, httpStatus: 406, title: '无法提供所要求的响应格式' },
  FINPLAN_E_UNSUPPORTED_MEDIA_TYPE: { exitCode: 2, httpStatus: 415, title: '请求体的格式不受支持' },
  FINPLAN_E_RATE_LIMITED: { exitCode: 75, httpStatus: 429, title: '请求过于频繁' },
  FINPLAN_E_BUSY: { exitCode: 75, httpStatus: 503, title: '服务繁忙，请稍后重试' },
  FINPLAN_E_TIMEOUT: { exitCode: 75, httpStatus: 503, title: '处理超时，请稍后重试' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/**
 * A failure with a registered code. `issues` carries the per-field problems of an input failure;
 * `detail` is a Chinese sentence safe to show (it never contains profile values).
 */
export class FinplanError extends Error {
  readonly code: ErrorCode;
  readonly issues: InputIssue[];
  readonly detail: string;

  constructor(code: ErrorCode, detail?: string, options?: { issues?: InputIssue[]; cause?: unknown }) {
    const spec = ERRORS[code];
    super(detail ? `${spec.title}：${detail}` : spec.title, { cause: options?.cause });
    this.name = 'FinplanError';
    this.code = code;
    this.detail = detail ?? '';
    this.issues = options?.issues ?? [];
  }

  get exitCode(): number {
    return ERRORS[this.code].exitCode;
  }

  get httpStatus(): number {
    return ERRORS[this.code].httpStatus;
  }

  /** The structured form for programs (CLI --format json, HTTP bodies, batch error rows). */
  toJSON(): { code: ErrorCode; message: string; issues: InputIssue[] } {
    return { code: this.code, message: this.message, issues: this.issues };
  }
}

/** Wrap anything thrown into a FinplanError, keeping registered errors as they are. */
export function asFinplanError(err: unknown): FinplanError {
  if (err instanceof FinplanError) return err;
  return new FinplanError('FINPLAN_E_INTERNAL', undefined, { cause: err });
}
