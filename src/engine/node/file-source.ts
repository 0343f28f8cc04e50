import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataFormatError, REGENERATE_DATA } from '../data/format';
import type { ByteSource } from '../data/load';

/** ByteSource over a folder (public/data by default), read with node:fs; a missing file says how to make it. */
export function fileSource(dir = join(process.cwd(), 'public', 'data')): ByteSource {
  return async (fileName) => {
    const path = join(dir, fileName);
    try {
      return await readFile(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      throw new DataFormatError(`${path} does not exist. ${REGENERATE_DATA}`);
    }
  };
}
