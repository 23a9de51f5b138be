/**
 * finplan serve: the HTTP API (src/apps/http). Logs (pino, one JSON line per request) go to stdout;
 * the one human line saying where it listens goes to stderr.
 *
 * SIGTERM or SIGINT: readiness turns red, the server stops accepting connections, answers every
 * request in hand (renders included), stops the workers and exits 0. If that takes longer than
 * shutdownTimeoutMs the process exits 1 rather than hang an orchestrator's rollout.
 */
import { loadServeConfig, type ServeConfigInput } from '../../http/config.js';
import { buildServer } from '../../http/server.js';

export interface ServeCommandOptions {
  host?: string;
  port?: string;
  config?: string;
}

export async function runServe(opts: ServeCommandOptions): Promise<void> {
  const flags: Partial<ServeConfigInput> = {};
  if (opts.host !== undefined) flags.host = opts.host;
  if (opts.port !== undefined) flags.port = opts.port as unknown as number;
  const config = loadServeConfig({ ...(opts.config ? { file: opts.config } : {}), env: process.env, flags });
  const server = await buildServer({ config });
  const address = await server.listen();
  process.stderr.write(
    `finplan 服务已启动：${address}（接口文档 ${address}/docs；密钥文件 ${config.keysFile}，有效密钥 ${server.ctx.keys.activeCount} 个）\n`,
  );

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      server.app.log.info({ signal }, 'shutting down: draining requests in hand');
      const timer = setTimeout(() => {
        server.app.log.error({ ms: config.shutdownTimeoutMs }, 'shutdown timed out');
        process.exit(1);
      }, config.shutdownTimeoutMs);
      timer.unref();
      server
        .close()
        .then(() => {
          server.app.log.info('stopped');
          resolve();
        })
        .catch(() => process.exit(1));
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}
