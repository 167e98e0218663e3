import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ignoredBecause, mutantDiff, mutationScore, originalText, sourceMutantStatus, type SourceMutant, type SourceMutantResult } from './source-mutants.js';

const source = ['const a = 1;', 'if (x >= 500) {', '  logger.warn("open");', '}'].join('\n');
const mutant = (line: number, start: number, end: number, replacement: string, mutatorName = 'EqualityOperator'): SourceMutant => ({
  id: '1', fileName: 'x.ts', mutatorName, replacement, location: { start: { line, column: start }, end: { line, column: end } },
});

test('locations count lines from 0, as Stryker does', () => {
  assert.equal(originalText(source, mutant(1, 4, 12, '').location), 'x >= 500');
  assert.equal(mutantDiff(source, mutant(1, 4, 12, 'x > 500')), '- if (x >= 500) {\n+ if (x > 500) {');
});

test('log messages and planted-defect code are left out of the score', () => {
  assert.equal(ignoredBecause(source, mutant(2, 14, 20, '""', 'StringLiteral')), 'log message');
  assert.equal(ignoredBecause('if (plantedDefect === "x") y();', mutant(0, 4, 26, 'true', 'ConditionalExpression')), 'planted-defect code');
  assert.equal(ignoredBecause(source, mutant(1, 4, 12, 'x > 500')), undefined);
  const method = ['run() {', '  if (this.plantedDefect === "x") {', '    y();', '  }', '  z();', '}'].join('\n');
  assert.equal(ignoredBecause(method, mutant(2, 4, 8, '', 'BlockStatement')), 'planted-defect code', 'inside the defect\'s if');
  assert.equal(ignoredBecause(method, { ...mutant(0, 6, 0, '{}', 'BlockStatement'), location: { start: { line: 0, column: 6 }, end: { line: 5, column: 1 } } }), undefined, 'the method around it counts');
});

test('the score is (killed + timeout) / (killed + timeout + survived + no coverage + errors): a failure outside a Then is no kill', () => {
  const result = (status: SourceMutantResult['status']): SourceMutantResult => ({ id: '1', mutatorName: 'm', status, diff: '', durationMs: 1 });
  const score = mutationScore(['killed', 'killed', 'timeout', 'survived', 'error', 'ignored'].map((status) => result(status as SourceMutantResult['status'])));
  assert.equal(score.score, 60);
  assert.equal(score.errors, 1);
  assert.equal(mutationScore([]).score, undefined);
});

test('a failure outside a Then is an error, not a kill', () => {
  assert.equal(sourceMutantStatus({ killedBy: ['a'], brokenScenarios: [], scenarios: 1 }, false), 'killed');
  assert.equal(sourceMutantStatus({ killedBy: [], brokenScenarios: ['b'], scenarios: 1 }, false), 'error');
  assert.equal(sourceMutantStatus({ killedBy: [], brokenScenarios: [], scenarios: 1 }, false), 'survived');
  assert.equal(sourceMutantStatus({ killedBy: [], brokenScenarios: [], scenarios: 1 }, true), 'timeout');
});

test('a mutant a Stryker disable comment turns off is explained as equivalent, with its reason, and not scored', () => {
  const disabled = { ...mutant(1, 4, 12, 'x > 500'), status: 'Ignored', statusReason: 'the bound is never met exactly' };
  assert.equal(ignoredBecause(source, disabled), 'equivalent: the bound is never met exactly');
});

test('a mutant listed in equivalent-mutants.ts is explained with its reason, matched by module, mutator and code, not by id', () => {
  const backoff = ['    if (retryAfterMs !== undefined && wait >= remaining) {'].join('\n');
  const boundary = { ...mutant(0, 38, 55, 'wait > remaining'), id: '99' };
  assert.match(ignoredBecause(backoff, boundary, 'retry-backoff.ts') ?? '', /^equivalent: the two differ only when/);
  assert.equal(ignoredBecause(backoff, { ...boundary, replacement: 'wait < remaining' }, 'retry-backoff.ts'), undefined, 'the other operator is no equivalent');
  assert.equal(ignoredBecause(backoff, boundary, 'deadline.ts'), undefined, 'another module');
});

test("the planted defects' switches count as planted-defect code, whatever each module calls them", () => {
  for (const line of ["  if (deps.readyThroughGrace !== true) readiness.beginShutdown();", "    const late = defect === 'attempt-after-deadline' && attempt > 0 && pastDeadline;", "    const key = this.shared ? '*' : caller;"]) {
    assert.equal(ignoredBecause(line, mutant(0, 4, 12, 'true', 'ConditionalExpression')), 'planted-defect code', line);
  }
});

test('a planted-defect branch the name rule cannot see is left out as planted-defect code; a common literal is matched on its line', () => {
  const sent = ["        ? { ...request, idempotencyKey: '' }", '  async #send(request: ChargeRequest, signal: AbortSignal, callSignal: AbortSignal, unbounded = false): Promise<Charge> {'].join('\n');
  const empty = sent.indexOf("''");
  assert.match(ignoredBecause(sent, { ...mutant(0, empty, empty + 2, '"Stryker was here!"', 'StringLiteral') }, 'resilient-payments.ts') ?? '', /^planted-defect code: the request the planted defect retry-drops-idempotency-key sends/);
  const second = sent.split('\n')[1]!;
  const at = second.indexOf('false');
  assert.match(ignoredBecause(sent, mutant(1, at, at + 5, 'true', 'BooleanLiteral'), 'resilient-payments.ts') ?? '', /^equivalent: every call of #send passes unbounded/);
  assert.equal(ignoredBecause('    const x = false;', mutant(0, 14, 19, 'true', 'BooleanLiteral'), 'resilient-payments.ts'), undefined, 'another false of the module');
});
