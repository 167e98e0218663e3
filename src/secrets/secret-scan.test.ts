import assert from 'node:assert/strict';
import { test } from 'node:test';
// The scan is test tooling (scripts/secret-scan.ts, not shipped); the run's secrets come from ./run-secrets.ts.
import { findSecretLeaks } from '../../scripts/secret-scan.js';

test('finds a secret wherever it appears and masks it in the finding', () => {
  const scan = findSecretLeaks(
    [
      { file: 'reports/a.json', text: '{"API_KEYS":"[redacted]"}' },
      { file: 'reports/b.html', text: 'log line with key-0123456789abcdef inside' },
    ],
    ['key-0123456789abcdef', 'short'],
  );
  assert.deepEqual(scan.found, [{ file: 'reports/b.html', secret: 'key-…(20 chars)' }]);
  assert.equal(scan.scannedFiles, 2);
});
