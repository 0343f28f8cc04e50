import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  // tfjs with its WebGPU and WebGL backends is ~1.7 MB minified; it loads once, in the worker.
  build: { chunkSizeWarningLimit: 4000 },
});
