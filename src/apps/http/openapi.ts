/**
 * The OpenAPI 3.1 document (GET /openapi.json), made by @fastify/swagger from the routes' zod
 * schemas, and the docs page (/docs, Swagger UI served from the package's own files: no CDN, so it
 * works on a bank intranet).
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { ENGINE_VERSION } from '../../engine/version.js';
import type { App } from './context.js';
import { SIGNATURE_HEADERS } from './signing.js';

export const DOCS_PREFIX = '/docs';

const DESCRIPTION = `finplan 的 HTTP 接口：生成家庭理财规划书（PDF 或 Plan JSON）与运行理财计算器。

**认证**：每个请求带 \`Authorization: Bearer <API 密钥>\`；密钥由管理员用 \`finplan keys add <名称> --scopes plans,calculators\` 创建，只显示一次。
认证失败一律返回 401，不说明原因；密钥没有接口所需的权限范围返回 403；超过每分钟请求数返回 429 与 Retry-After。

**请求签名（可选）**：用 \`--signing\` 创建的密钥还须对每个请求签名：
\`${SIGNATURE_HEADERS.timestamp}\`（Unix 秒）、\`${SIGNATURE_HEADERS.nonce}\`（16–64 位 [A-Za-z0-9_-]，不可重复）、
\`${SIGNATURE_HEADERS.signature}\` = hex(HMAC-SHA256(签名密钥, 方法 \\n 路径与查询串 \\n 时间戳 \\n nonce \\n hex(SHA-256(请求体)))）。
时间戳与服务器时钟相差超过 5 分钟、或 nonce 重复的请求被拒绝（401）。

**传输安全**：本服务不做 TLS，由银行网关终止 TLS 并经内网转发；请求体中的 PDF 密码（options.protection.password）因此只应在网关之后以明文出现，且从不写入日志。

**错误**：一律为 \`{ code, message, issues, requestId }\`，HTTP 状态见 docs/errors.md；不含堆栈信息。

**背压**：渲染队列已满时返回 503 与 Retry-After，请稍后重试；/healthz 与 /readyz 供网关探测。

**批量**：\`POST /v1/batches\` 上传 CRM 表格（CSV/XLSX，版式见 docs/batch.md），返回 202 与批次编号，后台生成；批次只对提交它的密钥可见，同一文件与配置再次提交得到同一批次。`;

export async function installOpenApi(app: App): Promise<void> {
  const skipList = [
    DOCS_PREFIX,
    `${DOCS_PREFIX}/`,
    `${DOCS_PREFIX}/json`,
    `${DOCS_PREFIX}/yaml`,
    `${DOCS_PREFIX}/uiConfig`,
    `${DOCS_PREFIX}/initOAuth`,
    `${DOCS_PREFIX}/static/*`,
    `${DOCS_PREFIX}/*`,
    '/openapi.json',
  ];
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'finplan 理财规划书 API', version: ENGINE_VERSION, description: DESCRIPTION },
      tags: [
        { name: 'plans', description: '理财规划书' },
        { name: 'calculators', description: '理财计算器' },
        { name: 'batches', description: '批量生成（沙龙名单等 CRM 表格）' },
        { name: 'operations', description: '健康检查与指标' },
      ],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'finplan API 密钥' } },
      },
    },
    transform: createJsonSchemaTransform({ skipList }),
    transformObject: createJsonSchemaTransformObject({}),
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: DOCS_PREFIX,
    uiConfig: { deepLinking: true },
    // Served as a helper's static files; they are public like the document itself.
  });
  app.get('/openapi.json', { config: { rateLimit: false }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
