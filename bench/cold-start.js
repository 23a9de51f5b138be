// node bench/cold-start.js [runs] — where a cold `finplan plan` spends its time (build first:
// npm run build; npm run bench runs this too).
//
// Starts the CLI `runs` times (default 7, or BENCH_COLD_RUNS) on the family sample, each a fresh
// process writing its PDF to a temporary folder, and prints the median, minimum and maximum of
// each phase over those processes:
//
//   node start      process start → Node has booted (this file, preloaded, runs)
//   load modules    → the plan command starts: the CLI, commander, the engine, zod, decimal.js,
//                     pdfkit, fontkit, Chart.js, Handlebars (everything `plan` imports)
//   read input      → the profile is read and the options are checked
//   first plan      → validate + buildPlan, with the engine's code still cold
//   render context  → fonts parsed, templates parsed, brands read (loadRenderContext)
//   first PDF       → composeDocument, with the report's code and the font tables still cold
//   write           → the PDF is on disk
//   exit            → the process has ended, as the parent saw it
//
// The phases come from the performance marks the CLI sets ("finplan:…" in src/apps/cli/main.ts
// and src/apps/cli/commands/plan.ts); this same file, preloaded into each process with --import,
// writes them out at exit. "wall" is the whole run as the parent timed it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MARKS_FILE_ENV = 'FINPLAN_COLD_START_MARKS';

export const PHASES = [
  ['node start', null],
  ['load modules', 'finplan:plan-command'],
  ['read input', 'finplan:input-read'],
  ['first plan', 'finplan:planned'],
  ['render context', 'finplan:render-context'],
  ['first PDF', 'finplan:composed'],
  ['write', 'finplan:written'],
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x) => Math.round(x);

/** Preloaded into a CLI process: note when Node has booted, and write the marks at exit. */
function recordMarks(file) {
  const booted = performance.now();
  process.on('exit', () => {
    const marks = Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]));
    writeFileSync(file, JSON.stringify({ booted, marks, exit: performance.now() }));
  });
}

/** One cold CLI run: its phases in ms (each from the previous mark) and its wall time. */
function coldRun(root, profile, out) {
  const marksFile = join(out, 'marks.json');
  const t0 = performance.now();
  execFileSync(
    process.execPath,
    [
      '--import',
      pathToFileURL(fileURLToPath(import.meta.url)).href,
      join(root, 'dist/apps/cli/main.js'),
      'plan',
      profile,
      '-o',
      join(out, 'plan.pdf'),
    ],
    { stdio: 'ignore', env: { ...process.env, [MARKS_FILE_ENV]: marksFile } },
  );
  const wall = performance.now() - t0;
  const { booted, marks, exit } = JSON.parse(readFileSync(marksFile, 'utf8'));
  const phases = {};
  let last = 0;
  for (const [name, mark] of PHASES) {
    const at = mark === null ? booted : marks[mark];
    if (at === undefined) throw new Error(`the CLI set no mark ${mark}`);
    phases[name] = at - last;
    last = at;
  }
  phases.exit = exit - last;
  return { phases, wall };
}

/**
 * `runs` cold runs of `finplan plan` on the family sample; per phase (and for the wall time) the
 * median, min and max in ms.
 */
export function coldStartBreakdown(root, runs) {
  const profile = join(root, 'samples/family-with-children-education-and-retirement.json');
  const out = mkdtempSync(join(tmpdir(), 'finplan-cold-'));
  try {
    const results = Array.from({ length: runs }, () => coldRun(root, profile, out));
    const stats = (xs) => ({
      medianMs: round(median(xs)),
      minMs: round(Math.min(...xs)),
      maxMs: round(Math.max(...xs)),
    });
    const phases = {};
    for (const name of [...PHASES.map(([n]) => n), 'exit'])
      phases[name] = stats(results.map((r) => r.phases[name]));
    return { runs, phases, wall: stats(results.map((r) => r.wall)) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export function printBreakdown(b) {
  console.log(`cold \`finplan plan\`, family sample: phases of one process, over ${b.runs} processes (ms)`);
  console.log(`  ${'phase'.padEnd(16)} ${'median'.padStart(7)} ${'min'.padStart(7)} ${'max'.padStart(7)}`);
  const row = (name, s) =>
    console.log(
      `  ${name.padEnd(16)} ${String(s.medianMs).padStart(7)} ${String(s.minMs).padStart(7)} ${String(s.maxMs).padStart(7)}`,
    );
  for (const [name, s] of Object.entries(b.phases)) row(name, s);
  row('wall', b.wall);
}

if (process.env[MARKS_FILE_ENV]) recordMarks(process.env[MARKS_FILE_ENV]);
else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const runs = Number(process.argv[2] ?? process.env.BENCH_COLD_RUNS ?? 7);
  console.log(`${cpus().length} cores, ${cpus()[0]?.model}, Node ${process.version}`);
  printBreakdown(coldStartBreakdown(root, runs));
}
