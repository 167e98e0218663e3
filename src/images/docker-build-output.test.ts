// A failed build shows Docker's own lines and the Dockerfile line of the step that failed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildFailureHint, dockerfileInstructionLines, failedDockerfileLine, readBuildEvents } from './docker-build-output.js';

const dockerfile = `# syntax is a comment here
ARG BASE_IMAGE=node:24-slim
FROM \${BASE_IMAGE}

WORKDIR /app
RUN apt-get update && \\
    # a comment inside a continuation
    apt-get install -y curl
COPY dist/server.mjs ./server.mjs
CMD ["node", "server.mjs"]
`;

test('instructions are numbered by the line they start on, continuations and comments skipped', () => {
  assert.deepEqual(dockerfileInstructionLines(dockerfile), [2, 3, 5, 6, 9, 10]);
});

test('a failed COPY is traced to its line, with the output and a hint naming the build context', () => {
  const output = readBuildEvents([
    { stream: 'Step 1/6 : ARG BASE_IMAGE=node:24-slim\n' },
    { stream: 'Step 2/6 : FROM node:24-slim\n ---> 0123456789ab\n' },
    { stream: 'Step 5/6 : COPY dist/server.mjs ./server.mjs\n' },
    { errorDetail: { message: 'COPY failed: file not found in build context or excluded by .dockerignore: stat dist/server.mjs: file does not exist' }, error: 'COPY failed: ...' },
  ]);
  assert.deepEqual(output.lastStep, { index: 5, instruction: 'COPY dist/server.mjs ./server.mjs' });
  assert.equal(output.lines.length, 4);
  assert.equal(failedDockerfileLine(output, dockerfile), 9);
  assert.match(output.error!, /^COPY failed: file not found/);
  assert.match(buildFailureHint(output, '/ctx'), /a file that COPY copies is not in the build context \/ctx \(or its \.dockerignore excludes it\)/);
});

test('a missing base image and a failing RUN get their own hints; no step means no line', () => {
  const from = readBuildEvents([{ stream: 'Step 2/6 : FROM nope:1\n' }, { errorDetail: { message: 'pull access denied for nope, repository does not exist' } }]);
  assert.match(buildFailureHint(from, '.'), /base image is neither present nor pullable/);
  const run = readBuildEvents([{ stream: 'Step 4/6 : RUN false\n' }, { error: "The command '/bin/sh -c false' returned a non-zero code: 1" }]);
  assert.equal(failedDockerfileLine(run, dockerfile), 6);
  assert.match(buildFailureHint(run, '.'), /the command on that line failed/);
  assert.equal(failedDockerfileLine(readBuildEvents([{ error: 'context canceled' }]), dockerfile), undefined);
});
