import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Chunk {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** Every built asset in dist/assets (JavaScript, CSS, WebAssembly), with its size raw and gzipped. */
export function builtChunks(dist = 'dist'): Chunk[] {
  const dir = join(dist, 'assets');
  return readdirSync(dir)
    .filter((f) => /\.(js|css|wasm)$/.test(f))
    .map((file) => {
      const body = readFileSync(join(dir, file));
      return { file, bytes: statSync(join(dir, file)).size, gzipBytes: gzipSync(body).length };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}
