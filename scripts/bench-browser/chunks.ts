import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * When the page fetches a built file: `first view` before the first picture (index.html's script,
 * modulepreload and stylesheet, and what they import statically), `page, lazy` a view's chunk
 * loaded after that (src/views/lazy-views.tsx), `worker` the compute worker's script and its static
 * imports (started after the first view, src/main.tsx), `worker, on demand` a chunk the worker
 * imports when it needs it (a tfjs backend, src/worker/start-backend.ts).
 */
export type LoadedWhen = 'first view' | 'page, lazy' | 'worker' | 'worker, on demand';

export interface Chunk {
  file: string;
  bytes: number;
  gzipBytes: number;
  loaded: LoadedWhen;
}

/** The files a built chunk imports statically (Rolldown writes `from"./x.js"` and `import"./x.js"`). */
const staticImports = (code: string, files: readonly string[]) =>
  [...code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)].map((m) => m[1]).filter((f) => files.includes(f));
/** Every built file a chunk names at all: its static imports, dynamic imports and asset URLs (WebAssembly). */
const references = (code: string, files: readonly string[]) => files.filter((f) => code.includes(f));

/** `roots` and every file `follow` leads to from them, transitively. */
function reachable(roots: readonly string[], follow: (file: string) => string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    follow(file).forEach(visit);
  };
  roots.forEach(visit);
  return seen;
}

/** Every built asset in dist/assets (JavaScript, CSS, WebAssembly) with its size raw and gzipped, and when the page loads it. */
export function builtChunks(dist = 'dist'): Chunk[] {
  const dir = join(dist, 'assets');
  const files = readdirSync(dir).filter((f) => /\.(js|css|wasm)$/.test(f));
  const code = new Map(files.filter((f) => f.endsWith('.js')).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  const follow = (pick: (code: string, files: readonly string[]) => string[]) => (file: string) => pick(code.get(file) ?? '', files);
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const pageRoots = [...html.matchAll(/(?:src|href)="[^"]*\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const workerRoots = files.filter((f) => /^compute\.worker-.*\.js$/.test(f));
  const firstView = reachable(pageRoots, follow(staticImports));
  const worker = reachable(workerRoots, follow(staticImports));
  const workerAll = reachable(workerRoots, follow(references));
  const loadedWhen = (file: string): LoadedWhen =>
    firstView.has(file) ? 'first view' : worker.has(file) ? 'worker' : workerAll.has(file) ? 'worker, on demand' : 'page, lazy';
  return files
    .map((file) => {
      const body = readFileSync(join(dir, file));
      return { file, bytes: body.length, gzipBytes: gzipSync(body).length, loaded: loadedWhen(file) };
    })
    .sort((a, b) => order.indexOf(a.loaded) - order.indexOf(b.loaded) || b.gzipBytes - a.gzipBytes);
}

const order: readonly LoadedWhen[] = ['first view', 'page, lazy', 'worker', 'worker, on demand'];
const kB = (bytes: number) => `${(bytes / 1e3).toFixed(1)} kB`;

/** The chunk table bench:browser prints (markdown), with each group's total raw and gzipped. */
export function chunkTable(chunks: readonly Chunk[]): string {
  const rows = chunks.map((c) => `| ${c.file} | ${c.loaded} | ${kB(c.bytes)} | ${kB(c.gzipBytes)} |`);
  const totals = order.map((when) => {
    const group = chunks.filter((c) => c.loaded === when);
    const sum = (pick: (c: Chunk) => number) => group.reduce((n, c) => n + pick(c), 0);
    return `| **all loaded: ${when}** (${group.length} files) | | ${kB(sum((c) => c.bytes))} | ${kB(sum((c) => c.gzipBytes))} |`;
  });
  return ['| file | loaded | bytes | gzip |', '|---|---|---|---|', ...rows, ...totals].join('\n');
}
