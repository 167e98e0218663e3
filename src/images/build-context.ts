// The files Docker gets as a build context: everything under the context directory that its
// .dockerignore lets through, and always the Dockerfile and the .dockerignore themselves (Docker
// needs them even where an allow-list .dockerignore such as "*" then "!dist/" leaves them out).
import dockerignoreModule from '@balena/dockerignore';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pack } from 'tar-fs';

// A CommonJS module (module.exports = the factory) typed as if it had an ES default export.
const dockerignore = dockerignoreModule as unknown as typeof dockerignoreModule.default;

/** Relative, /-separated paths of the files to send, in a stable order. */
export function buildContextEntries(context: string, dockerfile = 'Dockerfile'): string[] {
  const ignoreFile = join(context, '.dockerignore');
  const rules = existsSync(ignoreFile) ? readFileSync(ignoreFile, 'utf8') : '';
  const ignore = dockerignore({ ignorecase: false }).add(rules);
  // A directory that is ignored can be skipped whole unless some rule lets a path back in.
  const reincludes = /^\s*!/m.test(rules);
  const entries: string[] = [];
  const walk = (relative: string): void => {
    for (const entry of readdirSync(join(context, relative), { withFileTypes: true })) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!reincludes && ignore.ignores(path)) continue;
        walk(path);
      } else if (!ignore.ignores(path)) {
        entries.push(path);
      }
    }
  };
  walk('');
  for (const always of [dockerfile, '.dockerignore']) {
    if (existsSync(join(context, always)) && !entries.includes(always)) entries.push(always);
  }
  return entries.sort();
}

/** The context as the tar stream Docker's build API reads. */
export function buildContextStream(context: string, dockerfile = 'Dockerfile'): Readable {
  return pack(context, { entries: buildContextEntries(context, dockerfile) });
}
