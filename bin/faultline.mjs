#!/usr/bin/env node
// In a checkout (src/ present, tsx installed) the CLI runs from its TypeScript source, so that
// edits need no build; an installed package has only dist/ and runs the compiled CLI on plain Node.
import { existsSync } from 'node:fs';

// Node strips the types of a faultline.config.ts from 22.18 on; say so before anything fails obscurely.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 22)) {
  console.error(`faultline needs Node >= 22.22; this is Node ${process.version} (${process.execPath}). Put a newer node first on PATH.`);
  process.exit(1);
}

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
