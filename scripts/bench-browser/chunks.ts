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
  /** the built JavaScript files it imports statically (what loads with it) */
  imports: string[];
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
      return { file, bytes: body.length, gzipBytes: gzipSync(body).length, loaded: loadedWhen(file), imports: staticImports(code.get(file) ?? '', files) };
    })
    .sort((a, b) => order.indexOf(a.loaded) - order.indexOf(b.loaded) || b.gzipBytes - a.gzipBytes);
}

const order: readonly LoadedWhen[] = ['first view', 'page, lazy', 'worker', 'worker, on demand'];
const kB = (bytes: number) => `${(bytes / 1e3).toFixed(1)} kB`;

const sizes = (group: readonly Chunk[]) => `${kB(group.reduce((n, c) => n + c.bytes, 0))} | ${kB(group.reduce((n, c) => n + c.gzipBytes, 0))}`;

/** A backend's chunk (src/worker/start-backend.ts imports one when it starts that backend). */
const BACKEND_CHUNK = /^(wasm-backend|tfjs-backend-(?:webgl|webgpu|cpu))-[\w-]{8}\.js$/; // [name]-[hash], not a shared part

/**
 * What starting each backend adds to the worker's own files: its chunk and the chunks that chunk
 * imports statically (WASM then fetches one of its `.wasm` binaries as well, not counted here).
 */
export function backendStartCosts(chunks: readonly Chunk[]): { backend: string; files: Chunk[] }[] {
  const byFile = new Map(chunks.map((c) => [c.file, c]));
  return chunks
    .filter((c) => c.loaded === 'worker, on demand' && BACKEND_CHUNK.test(c.file))
    .map((c) => {
      const files = [...reachable([c.file], (f) => byFile.get(f)?.imports ?? [])].map((f) => byFile.get(f)).filter((x) => x !== undefined);
      return { backend: c.file.replace(BACKEND_CHUNK, '$1'), files: files.filter((f) => f.loaded === 'worker, on demand') };
    });
}

/** The chunk table bench:browser prints (markdown): each file, each group's total, and what each backend's start adds. */
export function chunkTable(chunks: readonly Chunk[]): string {
  const rows = chunks.map((c) => `| ${c.file} | ${c.loaded} | ${kB(c.bytes)} | ${kB(c.gzipBytes)} |`);
  const totals = order.map((when) => {
    const group = chunks.filter((c) => c.loaded === when);
    return `| **all loaded: ${when}** (${group.length} files) | | ${sizes(group)} |`;
  });
  const backends = backendStartCosts(chunks).map(({ backend, files }) => `| **starting ${backend} adds** (${files.length} files) | | ${sizes(files)} |`);
  return ['| file | loaded | bytes | gzip |', '|---|---|---|---|', ...rows, ...totals, ...backends].join('\n');
}
