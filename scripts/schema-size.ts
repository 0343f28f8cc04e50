/**
 * What runtime validation costs the page: bundles src/schema (every schema the app validates with)
 * for the browser, minified, and prints its size and the share that is the schema library (valibot),
 * raw and gzipped. valibot was chosen because each validator is its own module, so a bundle carries
 * only the ones it uses; this command shows that figure for the schemas as they are.
 * Usage: npm run schema-size
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

async function main(): Promise<void> {
  const result = await build({
    entryPoints: ['src/schema/index.ts'],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    // tfjs-free schemas only: anything heavier would show up here as a regression
    logLevel: 'silent',
  });
  const out = result.outputFiles[0];
  const meta = Object.values(result.metafile.outputs)[0];
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(meta.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? 'src (this project)';
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytesInOutput);
  }
  const kB = (n: number) => `${(n / 1e3).toFixed(1)} kB`;
  console.log(`src/schema bundled for the browser: ${kB(out.contents.length)} minified, ${kB(gzipSync(out.contents).length)} gzipped`);
  for (const [pkg, bytes] of [...byPackage].sort((a, b) => b[1] - a[1])) console.log(`  ${pkg.padEnd(24)} ${kB(bytes).padStart(9)} minified`);
}

main().catch((err: unknown) => {
  console.error(`[schema-size] ${(err as Error).message}`);
  process.exit(1);
});
