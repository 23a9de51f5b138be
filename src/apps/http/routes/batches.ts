/**
 * /v1/batches: a CRM export (CSV or XLSX, docs/batch.md) in, a batch running in the background,
 * and its files out — the manifest, summary, errors.csv, the organiser's brief and each household's
 * PDF. The work is src/apps/batch's (reader, runner, reports) through BatchService (../batches.ts);
 * this module only receives, checks and answers.
 *
 * Upload: multipart/form-data with the sheet in the field `file` and an optional `config` field
 * (the batch config of docs/batch.md as JSON, without `password`), or the sheet as the raw body
 * with Content-Type text/csv or the XLSX type. A key with request signing must use the raw body
 * (the signature covers the body's bytes, which a multipart upload does not keep).
 */
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { FinplanError } from '../../../errors.js';
import { BATCH_ID_PATTERN } from '../../batch/batch-id.js';
import { ERRORS_FILE, ORGANISER_FILE } from '../../batch/reports.js';
import { MANIFEST_FILE, SUMMARY_FILE } from '../../batch/run.js';
import { parseBatchConfig, type BatchConfig } from '../../batch/sheet/index.js';
import { BatchService, ensureBatchesDir, type BatchView } from '../batches.js';
import type { App, RouteModule } from '../context.js';
import { JSON_TYPE, sendBytes } from '../send.js';
import { errorResponses, validateWith } from '../validation.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UPLOAD_TYPES = `multipart/form-data（file 字段）、text/csv 或 ${XLSX_TYPE}`;
const HOUSEHOLD_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** A config field is a few hundred bytes; this leaves room and no more. */
const CONFIG_FIELD_MAX_BYTES = 64 * 1024;

const countsSchema = z.strictObject({
  total: z.number().int().describe('行数：家庭数加上不合格的家庭'),
  done: z.number().int(),
  ok: z.number().int().describe('已生成规划书'),
  invalid: z.number().int().describe('表格行不合格（见 errors.csv）'),
  failed: z.number().int().describe('生成失败（见 errors.csv）'),
  resumed: z.number().int().describe('续跑时沿用的已生成规划书'),
});

const batchViewSchema = z
  .strictObject({
    batchId: z.string().describe('批次编号：由表格内容与配置算出，同一文件与配置再提交得到同一编号'),
    status: z.enum(['running', 'complete', 'interrupted', 'failed']),
    counts: countsSchema,
    links: z.strictObject({
      self: z.string(),
      manifest: z.string(),
      summary: z.string(),
      errors: z.string(),
      organiser: z.string(),
    }),
    error: z.strictObject({ code: z.string(), message: z.string() }).optional(),
    notices: z.array(z.string()).optional().describe('读表时的提示（编码、忽略的列）'),
  })
  .meta({ id: 'Batch' });

const uploadSchema = z
  .strictObject({
    file: z.string().describe('CSV（UTF-8 或 GB18030）或 XLSX 表格，版式见 docs/batch.md'),
    config: z
      .string()
      .optional()
      .describe(
        '批量配置 JSON（brand、planner、event、depthByTier、valuationMonth、watermark）；不接受 password',
      ),
  })
  .describe('multipart/form-data：file 字段为表格，可选 config 字段；或以 text/csv、XLSX 类型直接发送表格');
// The body is read by the handler (multipart parts, or the raw bytes); nothing to check here.
validateWith(uploadSchema, z.unknown());

const idParams = z.strictObject({
  id: z.string().regex(BATCH_ID_PATTERN, { error: 'invalid_format' }).describe('批次编号（16 位十六进制）'),
});
const planParams = z.strictObject({
  id: idParams.shape.id,
  householdId: z
    .string()
    .regex(HOUSEHOLD_ID, { error: 'invalid_format' })
    .describe('家庭编号（字母、数字、- 与 _）'),
});

/** `password` names a server environment variable or file: a caller must not choose which. */
export function parseUploadedConfig(text: string): BatchConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new FinplanError('FINPLAN_E_BATCH_CONFIG_INVALID', 'config 字段不是合法的 JSON');
  }
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'password' in raw)
    throw new FinplanError(
      'FINPLAN_E_BATCH_CONFIG_INVALID',
      'config 不能含 password：它指向服务器上的环境变量或密码文件，由调用方指定就能让服务读取服务器上的任意环境变量或文件。需要加密的 PDF 请用命令行 finplan batch，或用 POST /v1/plans 的 options.protection',
      {
        issues: [
          { path: 'password', code: 'unknown_key', message: '通过 HTTP 提交的批量配置不接受 password' },
        ],
      },
    );
  return parseBatchConfig(raw);
}

function ownerOf(req: { apiKey?: { name: string } }): string {
  // The scope hook ran: every /v1/batches request has a key.
  return req.apiKey!.name;
}

const fileResponse = (type: string, description: string) => ({
  200: { description, content: { [type]: { schema: z.string().describe(description) } } },
  ...errorResponses(400, 401, 403, 404, 429),
});

export const batchRoutes: RouteModule = async (app, ctx) => {
  const { config } = ctx;
  ensureBatchesDir(config.batchesDir);
  const service = new BatchService({
    dir: config.batchesDir,
    pool: ctx.pool,
    concurrency: config.batchConcurrency ?? Math.max(1, ctx.pool.size - 1),
    log: app.log,
  });
  // After the server stops taking requests; before server.ts stops the pool.
  app.addHook('onClose', async () => service.close());

  const limitMessage = `表格超过 ${Math.floor(config.batchUploadLimitBytes / 1024 / 1024)} MB，请分成几个文件`;

  // Multipart and the raw sheet types only in this plugin: the rest of the API stays JSON only.
  await app.register(async (child: App) => {
    await child.register(multipart, {
      limits: {
        fileSize: config.batchUploadLimitBytes,
        files: 1,
        fields: 2,
        fieldSize: CONFIG_FIELD_MAX_BYTES,
        parts: 3,
        headerPairs: 100,
      },
    });
    child.addContentTypeParser(
      ['text/csv', XLSX_TYPE],
      { parseAs: 'buffer', bodyLimit: config.batchUploadLimitBytes },
      (req, body: Buffer, done) => {
        req.rawBody = body;
        done(null, body);
      },
    );

    child.post(
      '/v1/batches',
      {
        config: { scope: 'batches', accepts: UPLOAD_TYPES },
        bodyLimit: config.batchUploadLimitBytes,
        schema: {
          summary: '提交批量表格，后台为每个家庭生成规划书',
          description:
            '以 multipart/form-data 上传（file 字段为 CSV/XLSX 表格，可选 config 字段为批量配置 JSON），或以 Content-Type: text/csv 或 XLSX 类型直接发送表格。' +
            '返回 202 与批次编号；同一文件与配置再次提交得到同一批次（已完成的直接返回 200，已中断的从中断处继续）。' +
            '表格整体无法读取时返回 422（FINPLAN_E_SHEET_INVALID）或 400（编码）；单行的问题不影响其他行，记入 errors.csv。' +
            'config 不接受 password（它指向服务器上的环境变量或文件）。超过大小上限返回 413。',
          tags: ['batches'],
          security: [{ bearerAuth: [] }],
          consumes: ['multipart/form-data', 'text/csv', XLSX_TYPE],
          body: uploadSchema,
          response: {
            200: {
              description: '同一批次已完成',
              content: { 'application/json': { schema: batchViewSchema } },
            },
            202: {
              description: '批次已开始（或继续）',
              content: { 'application/json': { schema: batchViewSchema } },
            },
            ...errorResponses(400, 401, 403, 413, 415, 422, 429, 503),
          },
        },
      },
      async (req, reply) => {
        let bytes: Buffer | undefined;
        let batchConfig: BatchConfig | undefined;
        if (req.isMultipart()) {
          try {
            for await (const part of req.parts()) {
              if (part.type === 'file') {
                if (part.fieldname !== 'file' || bytes)
                  throw new FinplanError('FINPLAN_E_INVALID_REQUEST', '表格应放在唯一的 file 字段中');
                bytes = await part.toBuffer();
              } else if (part.fieldname === 'config') {
                batchConfig = parseUploadedConfig(String(part.value));
              } else
                throw new FinplanError(
                  'FINPLAN_E_INVALID_REQUEST',
                  `不认识的字段「${part.fieldname.slice(0, 40)}」`,
                );
            }
          } catch (err) {
            const code = (err as { code?: string }).code;
            if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT')
              throw new FinplanError('FINPLAN_E_INPUT_TOO_LARGE', limitMessage);
            if (code === 'FST_FIELDS_LIMIT' || code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
              throw new FinplanError('FINPLAN_E_INVALID_REQUEST', '表单只应有 file 与 config 两个字段');
            throw err;
          }
          if (!bytes)
            throw new FinplanError('FINPLAN_E_INVALID_REQUEST', '缺少 file 字段（CSV 或 XLSX 表格）');
        } else if (Buffer.isBuffer(req.body)) bytes = req.body;
        else throw new FinplanError('FINPLAN_E_UNSUPPORTED_MEDIA_TYPE', `请以 ${UPLOAD_TYPES} 上传表格`);
        if (bytes.length > config.batchUploadLimitBytes)
          throw new FinplanError('FINPLAN_E_INPUT_TOO_LARGE', limitMessage);

        const { view, created, notices } = await service.submit(ownerOf(req), bytes, batchConfig);
        reply.code(created ? 202 : 200).header('location', view.links.self);
        return sendBytes(
          reply,
          JSON_TYPE,
          JSON.stringify({ ...view, ...(notices.length ? { notices } : {}) }),
        );
      },
    );
  });

  const found = (view: BatchView | null): BatchView => {
    if (!view) throw new FinplanError('FINPLAN_E_NOT_FOUND', '没有这个批次');
    return view;
  };

  app.get(
    '/v1/batches/:id',
    {
      config: { scope: 'batches' },
      schema: {
        summary: '批次进度',
        description:
          'status：running 进行中、complete 已完成、interrupted 已中断（重新提交同一文件即可继续）、failed 失败。',
        tags: ['batches'],
        security: [{ bearerAuth: [] }],
        params: idParams,
        response: {
          200: { description: '批次进度', content: { 'application/json': { schema: batchViewSchema } } },
          ...errorResponses(400, 401, 403, 404, 429),
        },
      },
    },
    async (req, reply) => {
      const { id } = req.params as z.output<typeof idParams>;
      return sendBytes(reply, JSON_TYPE, JSON.stringify(found(service.status(ownerOf(req), id))));
    },
  );

  const files: Array<{ route: string; name: string; type: string; summary: string }> = [
    {
      route: 'manifest',
      name: MANIFEST_FILE,
      type: JSON_TYPE,
      summary: '批次清单 manifest.json（每行的状态、文件与错误）',
    },
    { route: 'summary', name: SUMMARY_FILE, type: JSON_TYPE, summary: '批次汇总 summary.json' },
    {
      route: 'errors',
      name: ERRORS_FILE,
      type: 'text/csv; charset=utf-8',
      summary: '没有生成规划书的行 errors.csv',
    },
    {
      route: 'organiser',
      name: ORGANISER_FILE,
      type: 'application/pdf',
      summary: '沙龙组织者简报 organiser.pdf',
    },
  ];
  for (const f of files) {
    app.get(
      `/v1/batches/:id/${f.route}`,
      {
        config: { scope: 'batches' },
        schema: {
          summary: f.summary,
          description: '批次完成后可取；进行中或已中断时返回 404 并说明原因。',
          tags: ['batches'],
          security: [{ bearerAuth: [] }],
          params: idParams,
          response: fileResponse(f.type.split(';')[0]!, f.summary),
        },
      },
      async (req, reply) => {
        const { id } = req.params as z.output<typeof idParams>;
        const bytes = service.file(ownerOf(req), id, f.name);
        if (f.type === 'application/pdf')
          reply.header('content-disposition', `attachment; filename="${id}-${f.name}"`);
        return sendBytes(reply, f.type, bytes);
      },
    );
  }

  app.get(
    '/v1/batches/:id/plans/:householdId',
    {
      config: { scope: 'batches' },
      schema: {
        summary: '一个家庭的规划书 PDF',
        description: '按家庭编号取；该家庭的 PDF 写出后即可取（批次仍在进行时也可以）。',
        tags: ['batches'],
        security: [{ bearerAuth: [] }],
        params: planParams,
        response: fileResponse('application/pdf', '规划书 PDF'),
      },
    },
    async (req, reply) => {
      const { id, householdId } = req.params as z.output<typeof planParams>;
      const pdf = service.plan(ownerOf(req), id, householdId);
      reply.header('content-disposition', `attachment; filename="${householdId}.pdf"`);
      return sendBytes(reply, 'application/pdf', pdf);
    },
  );
};
