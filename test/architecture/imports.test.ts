/**
 * The folder tree is the architecture: dependencies point one way (domain ← engine ← report ←
 * apps), and no engine module reaches itself through its imports (an import loop makes load order
 * matter and hides which module owns what). Type-only imports count too: a loop of types is still
 * two modules that cannot be understood apart.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(new URL('../../src', import.meta.url).pathname);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return name.endsWith('.ts') ? [full] : [];
  });
}

/** Relative imports of each file under src/, as src-relative paths of .ts files. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)].map((m) =>
      relative(SRC, resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts'))),
    );
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

function cyclesWithin(graph: Map<string, string[]>, inside: (f: string) => boolean): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string) => {
    state.set(f, 'open');
    stack.push(f);
    for (const t of (graph.get(f) ?? []).filter(inside)) {
      if (state.get(t) === 'open') cycles.push([...stack.slice(stack.indexOf(t)), t]);
      else if (!state.has(t)) visit(t);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of [...graph.keys()].filter(inside).sort()) if (!state.has(f)) visit(f);
  return cycles;
}

const LAYERS = ['domain', 'engine', 'report', 'apps'];
const layerOf = (f: string) => LAYERS.indexOf(f.split('/')[0]!);

describe('import structure', () => {
  const graph = importGraph();

  it('has no import loop in src/engine', () => {
    expect(cyclesWithin(graph, (f) => f.startsWith('engine/')).map((c) => c.join(' → '))).toEqual([]);
  });

  it('imports only downwards: domain ← engine ← report ← apps', () => {
    const upward = [...graph].flatMap(([from, targets]) =>
      targets.filter((t) => layerOf(from) >= 0 && layerOf(t) > layerOf(from)).map((t) => `${from} → ${t}`),
    );
    expect(upward).toEqual([]);
  });
});
