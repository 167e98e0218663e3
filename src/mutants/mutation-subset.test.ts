import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { projectRoot } from '../project-root.js';
import { findSubsetMutant, subsetMutants } from './mutation-subset.js';
import { ignoredBecause, moduleTags, type SourceMutant } from './source-mutants.js';

const quiet = { debug() {}, trace() {}, info() {}, warn() {}, error() {}, fatal() {}, isTraceEnabled: () => false, isDebugEnabled: () => false, isInfoEnabled: () => false, isWarnEnabled: () => false, isErrorEnabled: () => false, isFatalEnabled: () => false };

test('every subset mutant names exactly one scored mutant of a resilience module as it is now', async () => {
  const { Instrumenter } = (await import('@stryker-mutator/instrumenter')) as unknown as { Instrumenter: new (logger: unknown) => { instrument(files: unknown[], options: unknown): Promise<{ mutants: readonly SourceMutant[] }> } };
  for (const entry of subsetMutants) {
    assert.ok(entry.module in moduleTags, `${entry.module} is a resilience module`);
    const path = `${projectRoot}/fixtures/reference-service/src/${entry.module}`;
    const source = readFileSync(path, 'utf8');
    const { mutants } = await new Instrumenter(quiet).instrument([{ name: path, content: source, mutate: true }], { plugins: null, excludedMutations: [], ignorers: [], noHeader: false });
    const found = findSubsetMutant(entry, source, mutants);
    assert.equal(typeof found, 'object', String(found));
    assert.equal(ignoredBecause(source, found as SourceMutant, entry.module), undefined, `${entry.module}: the subset holds only mutants the score counts`);
  }
  assert.equal(new Set(subsetMutants.map((entry) => entry.module)).size, Object.keys(moduleTags).length, 'one mutant per resilience module');
});

test('a subset entry that matches nothing says which and how to fix it', () => {
  const found = findSubsetMutant({ module: 'deadline.ts', mutator: 'EqualityOperator', written: 'a <= b', tags: '@x', breaks: 'x' }, 'const c = 1;', []);
  assert.match(String(found), /EqualityOperator of "a <= b" in deadline\.ts matches no mutant: name it again in src\/mutants\/mutation-subset\.ts/);
});
