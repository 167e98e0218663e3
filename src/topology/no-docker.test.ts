// Its own file, so its own process: Testcontainers caches the engine it found for the process.
import assert from 'node:assert/strict';
import { test } from 'node:test';

test('no Docker engine: the error names DOCKER_HOST and the fix', async () => {
  process.env.DOCKER_HOST = 'unix:///tmp/faultline-no-such-engine.sock';
  const { ensureDockerReachable } = await import('./docker-check.js');
  await assert.rejects(ensureDockerReachable(), (error: Error) =>
    /FL_DOCKER_UNREACHABLE: no Docker engine answered \(DOCKER_HOST=unix:\/\/\/tmp\/faultline-no-such-engine.sock, socket \/tmp\/faultline-no-such-engine.sock\)/.test(error.message) && /fix: Start one/.test(error.message),
  );
});
