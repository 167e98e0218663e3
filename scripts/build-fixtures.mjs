// Bundles each fixture into one ESM file (fixtures/<name>/dist/server.mjs) so that its image needs
// nothing but Node: no npm, no registry, no node_modules inside the container.
import { build } from 'esbuild';
import { readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = readdirSync(join(root, 'fixtures'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, 'fixtures', entry.name, 'src', 'main.ts')))
  .map((entry) => entry.name);

const started = performance.now();
await Promise.all(
  fixtures.map((name) =>
    build({
      entryPoints: [join(root, 'fixtures', name, 'src', 'main.ts')],
      outfile: join(root, 'fixtures', name, 'dist', 'server.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      sourcemap: false,
      legalComments: 'none',
      logLevel: 'warning',
      // CommonJS dependencies call require() for Node built-ins; give the ESM bundle one.
      banner: { js: "import { createRequire as __faultlineCreateRequire } from 'node:module'; const require = __faultlineCreateRequire(import.meta.url);" },
    }),
  ),
);
console.log(`bundled ${fixtures.join(', ')} in ${Math.round(performance.now() - started)} ms`);
