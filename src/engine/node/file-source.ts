import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ByteSource } from '../data/load';

/** ByteSource over a folder (public/data by default), read with node:fs. */
export function fileSource(dir = join(process.cwd(), 'public', 'data')): ByteSource {
  return async (fileName) => readFile(join(dir, fileName));
}
