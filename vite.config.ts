import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import pkg from './package.json';

// Cross-origin isolation (SharedArrayBuffer) lets tfjs-backend-wasm run on several threads
// (src/worker/wasm-backend.ts); static hosts must send the same two headers (README.md).
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/**
 * tfjs-backend-wasm starts each WASM thread from the source text of its threaded module factory
 * (`toString()` in node_modules/@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js). Minified, that
 * function names renamed outer variables and every thread dies ("e is not defined"), so the build
 * gives the minified factory a `toString` that returns its original text. No `new Function`: the
 * workers' Content-Security-Policy has no 'unsafe-eval'. The dev server does not minify.
 */
function wasmThreadFactoryAsText(): Plugin {
  return {
    name: 'tfjs-wasm-thread-factory-as-text',
    apply: 'build',
    transform(code, id) {
      if (!/tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/.test(id)) return null;
      // the factory is the function the module's IIFE returns: `return (\nfunction(…) {…}\n);\n})();`
      const start = code.indexOf('function(WasmBackendModuleThreadedSimd)');
      const end = code.lastIndexOf('\n);\n})();');
      if (start < 0 || end < start) this.error(`${id}: the threaded factory's layout changed; see vite.config.ts`);
      const text = JSON.stringify(code.slice(start, end));
      return { code: `${code}\nWasmBackendModuleThreadedSimd.toString = () => ${text};\n`, map: null };
    },
  };
}

/**
 * In the worker bundle, '@tensorflow/tfjs' (the union the engine imports, shared with Node) becomes
 * tfjs-core and tfjs-layers without any backend (src/worker/tfjs-without-backends.ts); each backend
 * then loads in a chunk of its own when it starts (src/worker/start-backend.ts). A name the engine
 * takes from the union but the module lacks fails the build (IMPORT_IS_UNDEFINED, build.rollupOptions).
 */
function tfjsWithoutBackends(): Plugin {
  const module = fileURLToPath(new URL('./src/worker/tfjs-without-backends.ts', import.meta.url));
  return {
    name: 'tfjs-without-backends-in-worker',
    enforce: 'pre',
    apply: 'build',
    resolveId: (source) => (source === '@tensorflow/tfjs' ? module : null),
    onLog(_level, log) {
      if (log.code === 'IMPORT_IS_UNDEFINED' && log.message.includes('tfjs-without-backends')) this.error(log);
    },
  };
}

/**
 * Worker chunks are named after the tfjs package they hold (tfjs-backend-webgl-<hash>.js; a piece of
 * one package that several chunks share: tfjs-backend-cpu-shared-<hash>.js), so the bench's chunk
 * table (scripts/bench-browser/chunks.ts) says what each is.
 */
function workerChunkName(chunk: { facadeModuleId: string | null; moduleIds: string[]; name: string }): string {
  const packageOf = (id: string) => id.match(/@tensorflow[\\/](tfjs-[a-z-]+)[\\/]/)?.[1];
  const facade = chunk.facadeModuleId && packageOf(chunk.facadeModuleId);
  if (facade) return `assets/${facade}-[hash].js`;
  const packages = new Set(chunk.moduleIds.map(packageOf));
  const only = packages.size === 1 ? [...packages][0] : undefined;
  return only ? `assets/${only}-${chunk.name === 'dist' ? 'part' : '[name]'}-[hash].js` : 'assets/[name]-[hash].js';
}

/**
 * Content-Security-Policy (README.md "Hosting", docs/runtime.md §7). The page's policy goes into the
 * built index.html as a meta tag, so it holds on any host. A dedicated worker loaded from a URL takes
 * its policy from its own response, never from the page's meta tag (checked in Chromium), so `vite preview`
 * sends WORKER_CSP as a header on every file: it is the workers' whole policy, and on the page the
 * stricter meta tag decides. Workers need 'wasm-unsafe-eval' (tfjs-backend-wasm compiles WebAssembly)
 * and blob: (its threads are workers started from blob: URLs that import their script from another);
 * the page needs neither. connect-src blob:: the compute worker fetches a user model's files from the
 * blob: URLs the page made of them (src/compute/model-files.ts). The dev server sends none: Vite's client and React's refresh preamble are
 * inline scripts and styles.
 */
// img-src blob:: a figure's PNG export draws its SVG through a blob: image (src/views/export/png-export.ts)
const PAGE_CSP = "default-src 'self'; img-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'";
const WORKER_CSP = `default-src 'self'; connect-src 'self' blob:; img-src 'self' blob:; script-src 'self' 'wasm-unsafe-eval' blob:; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'`;

function pageCspMeta(): Plugin {
  return {
    name: 'page-csp-meta',
    apply: 'build',
    // first in <head>: a meta policy only covers what comes after it
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: PAGE_CSP }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  plugins: [react(), pageCspMeta()],
  // the backend probe's remembered result holds for one release (src/worker/backend-choice.ts)
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  worker: {
    format: 'es',
    plugins: () => [tfjsWithoutBackends(), wasmThreadFactoryAsText()],
    rolldownOptions: { output: { chunkFileNames: workerChunkName } },
  },
  server: { host: '127.0.0.1', port: 5173, headers: isolation },
  preview: { host: '127.0.0.1', port: 4173, headers: { ...isolation, 'Content-Security-Policy': WORKER_CSP } },
  build: {
    // No chunkSizeWarningLimit: the page's chunks stay under Vite's default 500 kB. The warning does not
    // look at the worker's chunks; bench:browser's chunk table lists them (docs/runtime.md §10).
    // no data: URLs: small model.json files would be inlined, and the policy's connect-src is 'self'
    assetsInlineLimit: 0,
  },
});
