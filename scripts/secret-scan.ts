// The check after a run that no secret of it (API keys, passwords, tokens) reached a file under
// reports/: test tooling, beside the browser check. The secrets come from the run (src/secrets/run-secrets.ts).
import { takeRunSecrets } from '../src/secrets/run-secrets.js';

export interface SecretScan {
  readonly scannedFiles: number;
  readonly secrets: number;
  readonly found: ReadonlyArray<{ readonly file: string; readonly secret: string }>;
}

/** Looks for each secret in each text; a hit is reported by a masked form of the secret. */
export function findSecretLeaks(files: ReadonlyArray<{ readonly file: string; readonly text: string }>, secrets: readonly string[] = takeRunSecrets()): SecretScan {
  const found: Array<{ file: string; secret: string }> = [];
  for (const { file, text } of files) {
    for (const secret of secrets) {
      if (secret.length >= 8 && text.includes(secret)) found.push({ file, secret: `${secret.slice(0, 4)}…(${secret.length} chars)` });
    }
  }
  return { scannedFiles: files.length, secrets: secrets.length, found };
}
