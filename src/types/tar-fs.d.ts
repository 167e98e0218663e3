// The part of tar-fs (no published types of its own here) that src/images/build-context.ts uses.
declare module 'tar-fs' {
  import type { Readable } from 'node:stream';
  export function pack(cwd: string, options?: { readonly entries?: readonly string[] }): Readable;
}
