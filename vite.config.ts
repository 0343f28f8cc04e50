import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import pkg from './package.json';

// Cross-origin isolation (SharedArrayBuffer) lets tfjs-backend-wasm run on several threads
// (src/worker/wasm-backend.ts); static hosts must send the same two headers (README.md).
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

/**
 * tfjs-backend-wasm starts each WASM thread from the source text of its threaded module factory
 * (`toString()` in node_modules/@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js). Minified, that
 * function names renamed outer variables and every thread dies ("e is not defined"), so the build
 * ships the module as a string and makes the function at run time. The dev server does not minify.
 */
function wasmThreadFactoryAsText(): Plugin {
  return {
    name: 'tfjs-wasm-thread-factory-as-text',
    apply: 'build',
    transform(code, id) {
      if (!/tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/.test(id)) return null;
      return { code: `module.exports = new Function(${JSON.stringify(`${code}\nreturn WasmBackendModuleThreadedSimd;`)})();`, map: null };
    },
  };
}

export default defineConfig({
  plugins: [react()],
  // the backend probe's remembered result holds for one release (src/worker/backend-choice.ts)
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  worker: { format: 'es', plugins: () => [wasmThreadFactoryAsText()] },
  server: { host: '127.0.0.1', port: 5173, headers: isolation },
  preview: { host: '127.0.0.1', port: 4173, headers: isolation },
  // tfjs with its WebGPU, WASM and WebGL backends is ~2.4 MB minified; it loads once, in the worker.
  build: { chunkSizeWarningLimit: 4000 },
});
