// npm test's phase runner: the order and arguments of the `&&` chain it replaces, the first failure
// stopping the run with its exit code, and the per-feature times read from cucumber's messages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Envelope } from '@cucumber/messages';
import { featureTimes } from './feature-times.js';
import { exitCodeOf, phasesMarkdown, runPhases, selectPhases, spawnCommand, splitScript, testPhases, type Command } from './test-phases.js';

const scripts = { 'test:features': 'rm -f .faultline/run-secrets.json && cucumber-js --profile ci && npm run test:tip-jar' };

test('the phases of npm test, in its order, with the shards arguments', () => {
  const phases = testPhases(scripts);
  assert.deepEqual(phases.map((phase) => phase.name), ['build:fixtures', 'typecheck', 'unit', 'mutants', 'mutation-subset', 'fault-removal', 'features', 'shards', 'package', 'cleanup']);
  const shards = phases.find((phase) => phase.name === 'shards')!.commands[0]!;
  assert.deepEqual([shards.command, ...shards.args], ['npm', 'run', 'test:shards', '--', '--whole', 'reports/tip-jar', '--tags', 'not @tip-jar-explore']);
  assert.equal(shards.label, `npm run test:shards -- --whole reports/tip-jar --tags 'not @tip-jar-explore'`);
  assert.deepEqual(phases.find((phase) => phase.name === 'features')!.commands.map((command) => command.label), ['rm -f .faultline/run-secrets.json', 'cucumber-js --profile ci', 'npm run test:tip-jar']);
});

test('a script that is more than an && chain runs whole', () => {
  assert.deepEqual(splitScript('x', 'a || b').map((command) => command.label), ['npm run x']);
  assert.deepEqual(splitScript('x', `a && b --tags 'x && y'`).map((command) => command.label), ['npm run x']);
  assert.deepEqual(splitScript('x', undefined).map((command) => command.label), ['npm run x']);
});

test('a subset of phases keeps npm test order; an unknown name is refused with the names there are', () => {
  const phases = testPhases(scripts);
  assert.deepEqual(selectPhases(phases, 'unit,typecheck').map((phase) => phase.name), ['typecheck', 'unit']);
  assert.equal(selectPhases(phases, undefined).length, 10);
  assert.throws(() => selectPhases(phases, 'unit,units'), /"units".*build:fixtures,typecheck/);
});

test('the first failing command stops the run with its exit code; the times so far are reported', async () => {
  const ran: string[] = [];
  const run = async (command: Command) => {
    ran.push(command.label);
    return command.label === 'b2' ? 3 : 0;
  };
  const phase = (name: string, ...labels: string[]) => ({ name, commands: labels.map((label) => ({ label, command: label, args: [] })) });
  const seen: number[] = [];
  const result = await runPhases([phase('a', 'a1'), phase('b', 'b1', 'b2', 'b3'), phase('c', 'c1')], run, (times) => seen.push(times.length));
  assert.equal(result.exitCode, 3);
  assert.deepEqual(ran, ['a1', 'b1', 'b2']);
  assert.deepEqual(seen, [1, 2]);
  assert.deepEqual(result.times.map((time) => [time.name, time.exitCode, time.commands.length]), [['a', 0, 1], ['b', 3, 2]]);
  const markdown = phasesMarkdown(result.times, [phase('a'), phase('b'), phase('c')], undefined, result.exitCode);
  assert.match(markdown, /failed in b \(exit code 3\)/);
  assert.match(markdown, /\| c \| not run \|/);
});

test('a real child: its exit code, and a signal as 128 + its number', async () => {
  assert.equal(await spawnCommand({ label: 'exit 7', command: process.execPath, args: ['-e', 'process.exit(7)'] }), 7);
  assert.equal(await spawnCommand({ label: 'ok', command: process.execPath, args: ['-e', ''] }), 0);
  assert.equal(exitCodeOf(null, 'SIGINT'), 130);
  assert.equal(exitCodeOf(null, 'SIGKILL'), 137);
});

test('feature times: test cases summed per feature URI, hook steps and run hooks apart', () => {
  const at = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });
  const duration = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });
  const envelopes = [
    { testRunStarted: { timestamp: at(0) } },
    { pickle: { id: 'p1', uri: 'features/a.feature' } },
    { pickle: { id: 'p2', uri: 'features/a.feature' } },
    { pickle: { id: 'p3', uri: 'features/b.feature' } },
    { testCase: { id: 't1', pickleId: 'p1', testSteps: [{ id: 's1', hookId: 'h' }, { id: 's2', pickleStepId: 'x' }] } },
    { testCase: { id: 't2', pickleId: 'p2', testSteps: [] } },
    { testCase: { id: 't3', pickleId: 'p3', testSteps: [] } },
    { testRunHookStarted: { id: 'r1', hookId: 'h0', timestamp: at(0) } },
    { testRunHookFinished: { testRunHookStartedId: 'r1', timestamp: at(100), result: {} } },
    { testCaseStarted: { id: 'c1', testCaseId: 't1', timestamp: at(100), attempt: 0 } },
    { testStepFinished: { testCaseStartedId: 'c1', testStepId: 's1', timestamp: at(1100), testStepResult: { duration: duration(1000) } } },
    { testStepFinished: { testCaseStartedId: 'c1', testStepId: 's2', timestamp: at(1300), testStepResult: { duration: duration(200) } } },
    { testCaseFinished: { testCaseStartedId: 'c1', timestamp: at(1300) } },
    { testCaseStarted: { id: 'c2', testCaseId: 't2', timestamp: at(1300), attempt: 0 } },
    { testCaseFinished: { testCaseStartedId: 'c2', timestamp: at(1500) } },
    { testCaseStarted: { id: 'c3', testCaseId: 't3', timestamp: at(1500), attempt: 0 } },
    { testCaseFinished: { testCaseStartedId: 'c3', timestamp: at(5500) } },
    { testRunFinished: { timestamp: at(6000) } },
  ] as unknown as Envelope[];
  const times = featureTimes(envelopes);
  assert.equal(times.wallMs, 6000);
  assert.equal(times.runHooksMs, 100);
  assert.deepEqual(times.features, [
    { uri: 'features/b.feature', scenarios: 1, ms: 4000, hooksMs: 0 },
    { uri: 'features/a.feature', scenarios: 2, ms: 1400, hooksMs: 1000 },
  ]);
  assert.match(phasesMarkdown([], [], times, 0), /features\/b\.feature \| 1 \| 4\.0 s \| 0\.0 s/);
});
