/**
 * Authentication and authorisation hooks. A route that names a scope needs
 * `Authorization: Bearer <key>` of a key holding that scope, and, for a key created with
 * `--signing`, a valid request signature (signing.ts).
 *
 * Every failure to authenticate gets the same 401 and the same message, whether the header was
 * missing, malformed, the key unknown or revoked, or the signature stale, replayed or wrong: telling
 * them apart would help someone guessing. A valid key without the route's scope gets 403.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FinplanError } from '../../errors.js';
import type { App, ServerContext } from './context.js';
import { verifySignature } from './signing.js';

const BEARER = /^Bearer ([A-Za-z0-9_-]{1,200})$/;

export function unauthorized(): FinplanError {
  return new FinplanError(
    'FINPLAN_E_UNAUTHORIZED',
    '请在 Authorization 头中以 Bearer 方式提供有效的 API 密钥；启用签名的密钥还须附上有效的请求签名',
  );
}

export function installAuth(app: App, ctx: ServerContext): void {
  // onRequest: before the body is read, so an unauthenticated client cannot make us parse 256 KB.
  app.addHook('onRequest', async (req: FastifyRequest) => {
    const scope = req.routeOptions.config.scope;
    if (!scope) return;
    const m = BEARER.exec(req.headers.authorization ?? '');
    const key = m ? ctx.keys.authenticate(m[1]!) : null;
    if (!key) throw unauthorized();
    if (!key.scopes.has(scope))
      throw new FinplanError(
        'FINPLAN_E_FORBIDDEN',
        '该 API 密钥没有访问此接口的权限，请联系管理员调整密钥的权限范围',
      );
    req.apiKey = key;
  });

  // preValidation: after the body has been read (its bytes are signed), before anything uses it.
  app.addHook('preValidation', async (req: FastifyRequest, _reply: FastifyReply) => {
    const key = req.apiKey;
    if (!key?.signingSecret) return;
    const verdict = verifySignature(
      {
        keyName: key.name,
        secret: key.signingSecret,
        method: req.method,
        pathWithQuery: req.url,
        headers: req.headers,
        body: req.rawBody ?? Buffer.alloc(0),
      },
      ctx.nonces,
      ctx.config.signatureWindowSeconds,
      ctx.clock(),
    );
    if (verdict === 'busy') throw new FinplanError('FINPLAN_E_BUSY', '签名随机数缓存已满');
    if (verdict !== 'ok') throw unauthorized();
  });
}
