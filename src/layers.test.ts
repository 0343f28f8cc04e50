import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The import graph points one way (docs/architecture.md): each layer may import only the layers
 * listed for it. Type-only imports count too: a type from a higher layer is still an upward arrow.
 */
const ALLOWED: Record<string, string[]> = {
  engine: ['engine', 'engine/node'],
  // the Node loaders validate what they read with the schemas, like the worker's loaders
  'engine/node': ['engine', 'engine/node', 'schema'],
  protocol: ['engine', 'protocol'],
  schema: ['engine', 'protocol', 'schema'],
  worker: ['engine', 'protocol', 'schema', 'worker'],
  compute: ['engine', 'protocol', 'compute'],
  store: ['engine', 'protocol', 'schema', 'store'],
  app: ['engine', 'protocol', 'schema', 'store', 'compute', 'app'],
  views: ['engine', 'protocol', 'schema', 'store', 'app', 'views'],
  test: ['engine', 'engine/node', 'test'],
};

const SRC = resolve(import.meta.dirname);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** The layer of a file under src/ (its first folder; engine/node apart), or null for src/main.tsx and other top-level files. */
const layerOf = (path: string): string | null => {
  const parts = relative(SRC, path).split('/');
  if (parts.length > 2 && parts[0] === 'engine' && parts[1] === 'node') return 'engine/node';
  return parts.length > 1 && parts[0] !== '..' ? parts[0] : null;
};

function imports(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)].map((m) => resolve(dirname(path), m[1]));
}

describe('layers', () => {
  it('every import in src/ points down or sideways, never up', () => {
    const upward: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const from = layerOf(file);
      if (from === null) continue; // main.tsx wires every layer
      expect(ALLOWED[from], `unknown layer src/${from}: add it to ALLOWED`).toBeDefined();
      for (const target of imports(file)) {
        const to = layerOf(target);
        if (to !== null && !ALLOWED[from].includes(to)) upward.push(`${relative(SRC, file)} → ${relative(SRC, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('the engine stays free of React and the DOM, and only tests and scripts use src/engine/node', () => {
    for (const file of sourceFiles(SRC)) {
      const text = readFileSync(file, 'utf8');
      const layer = layerOf(file);
      if (layer === 'engine') expect(text, relative(SRC, file)).not.toMatch(/from ['"]react|document\.|window\./);
      const usesNode = imports(file).some((t) => relative(SRC, t).startsWith('engine/node'));
      if (usesNode) expect(relative(SRC, file), 'browser code must not import src/engine/node').toMatch(/^engine\/|^test\/|\.test\.tsx?$/);
    }
  });
});
