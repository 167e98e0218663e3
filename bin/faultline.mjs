#!/usr/bin/env node
// In a checkout (src/ present, tsx installed) the CLI runs from its TypeScript source, so that
// edits need no build; an installed package has only dist/ and runs the compiled CLI on plain Node.
import { existsSync } from 'node:fs';

const source = new URL('../src/cli.ts', import.meta.url);
let tsx;
if (existsSync(source)) {
  try {
    tsx = await import('tsx/esm/api');
  } catch {
    tsx = undefined;
  }
}
if (tsx) {
  tsx.register();
  await import(source.href);
} else {
  await import('../dist/src/cli.js');
}
