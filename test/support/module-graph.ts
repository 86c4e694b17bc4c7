// The project's import graph, read from the source: every static import and re-export, every
// dynamic import('…') and tsImport('…'), in TypeScript, plain modules and Astro components.
// Relative specifiers are resolved to files; packages and node: builtins are kept as they are.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const SOURCE = /\.(ts|mts|mjs|js|astro)$/;
const SPECIFIERS = [/\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\b(?:import|tsImport)\(\s*['"]([^'"]+)['"]/g];

export interface ModuleGraph {
  /** Project-relative path → the project files and packages it imports. */
  files: Map<string, { local: string[]; packages: string[] }>;
}

function sourceFiles(root: string, folder: string): string[] {
  const full = join(root, folder);
  if (!existsSync(full)) return [];
  return readdirSync(full, { recursive: true, encoding: 'utf8' })
    .filter((name) => SOURCE.test(name) && !name.includes('node_modules'))
    .map((name) => join(folder, name))
    .filter((path) => statSync(join(root, path)).isFile());
}

/** `./x.js` may name x.ts; `./x` may name x.ts or x/index.ts. */
function resolveLocal(root: string, from: string, specifier: string): string | undefined {
  const base = join(dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), `${base}.ts`, `${base}.mjs`, join(base, 'index.ts')];
  return candidates.find((path) => existsSync(join(root, path)) && statSync(join(root, path)).isFile());
}

export function readModuleGraph(root: string, folders: string[]): ModuleGraph {
  const files = new Map<string, { local: string[]; packages: string[] }>();
  for (const file of folders.flatMap((folder) => sourceFiles(root, folder))) {
    // Comments may show imports as examples: they are not imports.
    const text = readFileSync(join(root, file), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    const specifiers = SPECIFIERS.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => m[1]));
    const local: string[] = [];
    const packages: string[] = [];
    for (const specifier of new Set(specifiers)) {
      if (!specifier.startsWith('.')) packages.push(specifier);
      else {
        const resolved = resolveLocal(root, file, specifier);
        // Assets (CSS) and generated files are not modules of ours.
        if (resolved) local.push(relative(root, join(root, resolved)));
      }
    }
    files.set(file, { local, packages });
  }
  return { files };
}

/** Every import cycle, each as the list of files around it (found by depth-first search). */
export function importCycles(graph: ModuleGraph): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.files.get(file)?.local ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.files.keys()) if (!state.has(file)) visit(file);
  return cycles;
}
