// The fixtures' images copy one bundled file, dist/server.mjs. The published package ships it
// prebuilt; in a checkout it is made here, on demand, when it is missing or older than its sources,
// so that no run needs `npm run build:fixtures` first.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The options scripts/build-fixtures.mjs bundles with too: one ESM file that needs nothing but Node. */
export function fixtureBundleOptions(context: string) {
  return {
    entryPoints: [join(context, 'src', 'main.ts')],
    outfile: join(context, 'dist', 'server.mjs'),
    bundle: true,
    platform: 'node' as const,
    format: 'esm' as const,
    target: 'node22',
    sourcemap: false,
    legalComments: 'none' as const,
    logLevel: 'warning' as const,
    // CommonJS dependencies call require() for Node built-ins; give the ESM bundle one.
    banner: { js: "import { createRequire as __faultlineCreateRequire } from 'node:module'; const require = __faultlineCreateRequire(import.meta.url);" },
  };
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when `context` is a fixture with sources (a checkout) whose bundle is missing or stale. */
export function fixtureBundleNeeded(context: string): boolean {
  const main = join(context, 'src', 'main.ts');
  if (!existsSync(main)) return false;
  const bundle = join(context, 'dist', 'server.mjs');
  return !existsSync(bundle) || statSync(bundle).mtimeMs < newestSource(join(context, 'src'));
}

/** Bundles the fixture at `context` if it needs it (esbuild is a development dependency: checkouts only). */
export async function ensureFixtureBundle(context: string): Promise<boolean> {
  if (!fixtureBundleNeeded(context)) return false;
  const { build } = await import('esbuild');
  await build(fixtureBundleOptions(context));
  return true;
}
