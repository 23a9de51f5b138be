#!/usr/bin/env node
/**
 * The finplan command line. Data goes to stdout, messages to stderr; exit codes come from the
 * error registry (src/errors.ts, docs/errors.md).
 *
 * Each command loads its modules when it runs: `plan` needs none of the calculators' catalogue or
 * the JSON Schema generator, and `validate`, `calc` and `--version` need no PDF machinery.
 */
import { setFlagsFromString } from 'node:v8';
import { Command, CommanderError, Option } from 'commander';
import { asFinplanError, FinplanError } from '../../errors.js';
import { ENGINE_VERSION } from '../../engine/version.js';
import type { PlanCommandOptions } from './commands/plan.js';

// A CLI process makes one plan and one PDF and exits, but V8 hands a function to its optimizing
// compiler after the small budget of bytecode it uses for long-lived processes: in a cold `finplan
// plan` it optimizes hundreds of functions (module set-up, the first plan's and the first PDF's
// code) whose work is done before the optimized code is, and those compiles compete with the main
// thread for this machine's two cores. Sixteen times the default budget (66 KB of bytecode) leaves
// the optimizing to what stays hot: Monte Carlo, decimal arithmetic, text shaping. The family
// sample's cold run took 1.80 s instead of 2.00 s with a core free and 2.37 s instead of 3.21 s on
// a busy machine (medians of 9, bench/cold-start.js); tiering changes speed, never results. The
// library (batch workers, the HTTP server) lives long and keeps V8's default.
// `serve` is such a long-lived process (V8 flags are process-wide, so its render workers would
// inherit the budget too).
if (process.argv[2] !== 'serve') setFlagsFromString(`--interrupt-budget=${16 * 66 * 1024}`);

const program = new Command();
program
  .name('finplan')
  .description('finplan — 把家庭档案（JSON）生成中文 PDF 理财规划书 / Chinese household financial plans')
  .version(ENGINE_VERSION, '-v, --version', '显示版本号')
  .helpOption('-h, --help', '显示帮助')
  .addHelpCommand(false)
  .showHelpAfterError('（用 finplan --help 查看用法）')
  .exitOverride();

program
  .command('plan')
  .description('生成理财规划书 PDF（缺省写在档案旁边，同名 .pdf）')
  .argument('<profile>', '家庭档案 JSON 文件')
  .option('-o, --output <file>', 'PDF 输出路径')
  .option('--json <file>', '同时写出规划数据 Plan JSON（"-" 表示标准输出）')
  .option('--brand <dir>', '品牌目录（含 theme.json）')
  .option('--no-pdf', '只写 Plan JSON，不生成 PDF')
  .option(
    '--password-file <file>',
    'PDF 打开密码所在的文件（单行，UTF-8）；也可设置环境变量 FINPLAN_PDF_PASSWORD。不接受命令行明文密码',
  )
  .option('--no-copy', '加密时禁止复制文字（读屏软件仍可读取）')
  .option('--pdfa', '生成 PDF/A-2b 存档格式（不能与密码保护同用）')
  .option('--depth <depth>', '报告深度：summary 摘要版（4–6 页）/ full 完整版 / auto 按客户分层（缺省）')
  .option('--watermark [text]', '每页水印，缺省为"仅供某先生/女士参阅"')
  // Accepted only to refuse it with a useful message: argv is visible to every user in `ps`.
  .addOption(new Option('--password <password>').hideHelp())
  .action(async (profile: string, opts: PlanCommandOptions & { password?: string }) => {
    if (opts.password !== undefined)
      throw new FinplanError(
        'FINPLAN_E_USAGE',
        '出于安全考虑不接受命令行密码（本机其他用户可在 ps 中看到）：请设置环境变量 FINPLAN_PDF_PASSWORD，或用 --password-file <文件>',
      );
    const { runPlan } = await import('./commands/plan.js');
    await runPlan(profile, opts);
  });

program
  .command('batch')
  .description('批量生成：为 CRM 导出表（CSV/XLSX）或档案目录中的每一户生成规划书；可中断后续跑')
  .argument('<input>', 'CRM 导出表（.csv / .xlsx）或家庭档案 JSON 文件所在目录')
  .requiredOption('--out <dir>', '输出目录（PDF、manifest.json、errors.csv、summary.json）')
  .option('--config <file>', '批量设置（品牌、理财师、活动、按分层的报告深度等）')
  .option('--map <file>', '表头映射：本行 CRM 的列名 → finplan 的列名')
  .option('--workers <n>', '工作线程数（缺省为 CPU 核数）')
  .option('--log-every <n>', '非终端时每完成多少户输出一行进度', '50')
  .option('--queue <url>', '提交到任务队列（redis:// 或 rediss://），由各台机器上的 finplan worker 生成')
  .option('--wait', '与 --queue 同用：等待全部完成，再写出清单（manifest.json 等）')
  .option('--attempts <n>', '与 --queue 同用：每户最多尝试几次（缺省 3）')
  .option('--retry-delay <ms>', '与 --queue 同用：首次重试前等待的毫秒数，此后每次加倍（缺省 5000）')
  .action(async (input: string, opts: import('./commands/batch.js').BatchCommandOptions) => {
    const { runBatchCommand } = await import('./commands/batch.js');
    process.exitCode = await runBatchCommand(input, opts);
  });

// `finplan batch status <id>` reads naturally but would make `status` a subcommand of a command
// that takes an input path; commander cannot have both. So the command is `batch-status`, and
// main() rewrites `batch status …` to it (a folder named "status" is given as ./status).
program
  .command('batch-status')
  .description(
    '查看队列中批次的进度（也可写作 finplan batch status）；全部结束且给出 --out 时写出清单并清除队列中的任务',
  )
  .argument('<batchId>', '批次编号（finplan batch --queue 输出的那一行）')
  .requiredOption('--queue <url>', '任务队列（redis:// 或 rediss://）')
  .option('--out <dir>', '输出目录（工作进程写入的共享目录）：完成时在此写出 manifest.json 等')
  .action(async (batchId: string, opts: import('./commands/batch-queue.js').BatchStatusOptions) => {
    const { runBatchStatus } = await import('./commands/batch-queue.js');
    process.exitCode = await runBatchStatus(batchId, opts);
  });

program
  .command('worker')
  .description(
    '队列工作进程：从任务队列取户生成规划书，写入 --out（多台机器共享的目录）；SIGTERM/Ctrl-C 完成手头任务后退出',
  )
  .requiredOption('--queue <url>', '任务队列（redis:// 或 rediss://；用户名密码可写在 URL 中）')
  .requiredOption('--out <dir>', '输出目录（与其他工作进程共享）')
  .option('--concurrency <n>', '同时生成的户数，即工作线程数（缺省为 CPU 核数）')
  .option('--lock-duration <ms>', '任务锁时长：工作进程意外退出后，其任务在此之后被重试（缺省 30000）')
  .option('--stalled-interval <ms>', '检查意外中断任务的间隔（缺省 30000）')
  .option('--password-file <file>', '加密批次的 PDF 打开密码文件；也可设置环境变量 FINPLAN_PDF_PASSWORD')
  .action(async (opts: import('./commands/worker.js').WorkerCommandOptions) => {
    const { runWorkerCommand } = await import('./commands/worker.js');
    process.exitCode = await runWorkerCommand(opts);
  });

program
  .command('validate')
  .description('校验家庭档案：通过时退出码 0，不通过时逐条列出问题并以 2 退出')
  .argument('<profile>', '家庭档案 JSON 文件')
  .option('--format <format>', '输出格式：text 或 json', 'text')
  .action(async (profile: string, opts: { format: string }) => {
    const { runValidate } = await import('./commands/validate.js');
    process.exitCode = runValidate(profile, opts);
  });

program
  .command('calc')
  .description('运行计算器：从文件或标准输入读取 JSON，结果 JSON 写到标准输出')
  .argument('[name]', '计算器名称（finplan calc --list 查看）')
  .argument('[input]', '输入 JSON 文件；缺省读标准输入')
  .option('--list', '列出所有计算器')
  .option('--schema', '输出该计算器输入的 JSON Schema')
  .action(
    async (
      name: string | undefined,
      input: string | undefined,
      opts: { list?: boolean; schema?: boolean },
    ) => {
      const { runCalc } = await import('./commands/calc.js');
      await runCalc(name, input, opts);
    },
  );

program
  .command('schema')
  .description('输出家庭档案（profile）的 JSON Schema')
  .argument('[name]', '目前只有 profile', 'profile')
  .action(async (name: string) => {
    if (name !== 'profile') throw new FinplanError('FINPLAN_E_USAGE', '目前只支持 finplan schema profile');
    const { profileSchemaText } = await import('../docs.js');
    process.stdout.write(profileSchemaText());
  });

program
  .command('serve')
  .description('启动 HTTP 接口服务（配置来自 --config 文件或 FINPLAN_* 环境变量）')
  .option('--host <host>', '监听地址（缺省 127.0.0.1）')
  .option('--port <port>', '监听端口（缺省 8080）')
  .option('--config <file>', '配置文件（JSON）')
  .action(async (opts: { host?: string; port?: string; config?: string }) => {
    const { runServe } = await import('./commands/serve.js');
    await runServe(opts);
  });

const keys = program
  .command('keys')
  .description('管理 HTTP 接口的 API 密钥（密钥文件来自 --keys-file、FINPLAN_KEYS_FILE 或服务配置）');

keys
  .command('add')
  .description('创建密钥：只显示一次，文件中只保存摘要')
  .argument('<name>', '密钥名称，如门户名')
  .requiredOption('--scopes <scopes>', '权限范围，逗号分隔：plans,calculators,batches')
  .option('--signing', '要求此密钥的请求带 HMAC 签名（另生成签名密钥）')
  .option('--rate-limit <perMinute>', '每分钟请求数上限（缺省取服务配置）')
  .option('--keys-file <file>', '密钥文件')
  .option('--config <file>', '服务配置文件（取其中的 keysFile）')
  .action(
    async (
      name: string,
      opts: { scopes: string; signing?: boolean; rateLimit?: string; keysFile?: string; config?: string },
    ) => {
      const { runKeysAdd } = await import('./commands/keys.js');
      runKeysAdd(name, opts);
    },
  );

keys
  .command('list')
  .description('列出密钥（名称、权限、创建与吊销时间；不含密钥本身）')
  .option('--keys-file <file>', '密钥文件')
  .option('--config <file>', '服务配置文件（取其中的 keysFile）')
  .action(async (opts: { keysFile?: string; config?: string }) => {
    const { runKeysList } = await import('./commands/keys.js');
    runKeysList(opts);
  });

keys
  .command('revoke')
  .description('吊销密钥（运行中的服务一秒内生效）')
  .argument('<name>', '密钥名称')
  .option('--keys-file <file>', '密钥文件')
  .option('--config <file>', '服务配置文件（取其中的 keysFile）')
  .action(async (name: string, opts: { keysFile?: string; config?: string }) => {
    const { runKeysRevoke } = await import('./commands/keys.js');
    runKeysRevoke(name, opts);
  });

async function main(): Promise<void> {
  try {
    const argv = [...process.argv];
    if (argv[2] === 'batch' && argv[3] === 'status') argv.splice(2, 2, 'batch-status');
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end here with exit code 0.
      process.exitCode = err.exitCode === 0 ? 0 : new FinplanError('FINPLAN_E_USAGE').exitCode;
      return;
    }
    const e = asFinplanError(err);
    process.stderr.write(`错误 ${e.code}：${e.message}\n`);
    for (const issue of e.issues) process.stderr.write(`  - ${issue.path || '(根)'}：${issue.message}\n`);
    if (e.code === 'FINPLAN_E_INTERNAL' && process.env.FINPLAN_DEBUG)
      process.stderr.write(`${String((err as Error)?.stack)}\n`);
    process.exitCode = e.exitCode;
  }
}

await main();
