import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ByteSource } from './load';

/** Node-only ByteSource over a folder (public/data by default). Never imported by the app bundle. */
export function fileSource(dir = join(process.cwd(), 'public', 'data')): ByteSource {
  return async (fileName) => readFile(join(dir, fileName));
}
