// The command line: help and version however they are asked for, init's options read or refused
// with the option named, and the installed CLI answering --help and --version.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseCli, parseInitArguments, usage } from './cli-args.js';
import { projectRoot } from './project-root.js';

test('help and version, however they are asked for', () => {
  for (const argv of [[], ['--help'], ['-h'], ['help'], ['init', '--help'], ['up', '-h']]) assert.deepEqual(parseCli(argv), { kind: 'help' }, argv.join(' '));
  for (const argv of [['--version'], ['-v'], ['version']]) assert.deepEqual(parseCli(argv), { kind: 'version' }, argv.join(' '));
  assert.deepEqual(parseCli(['frobnicate']), { kind: 'unknown', command: 'frobnicate' });
  // cucumber-js has a --help of its own; run and test pass their arguments on.
  assert.deepEqual(parseCli(['test', '--tags', '@smoke']), { kind: 'command', command: 'test', rest: ['--tags', '@smoke'] });
  for (const command of ['init', 'test', 'run', 'up', 'down', 'check-config', 'report', 'images']) assert.match(usage, new RegExp(`^  ${command}\\b`, 'm'));
});

test('init reads its directory and options, in both spellings', () => {
  assert.deepEqual(parseInitArguments([]), { serviceDir: '.' });
  assert.deepEqual(parseInitArguments(['svc', '--name', 'quotes', '--port=9000', '--health', '/healthz', '--path', '/q']), {
    serviceDir: 'svc', name: 'quotes', port: 9000, health: '/healthz', path: '/q',
  });
  assert.deepEqual(parseInitArguments(['--image', 'quotes:1']), { serviceDir: '.', image: 'quotes:1' });
});

test('init refuses a missing value, an unknown option and a port that is not a number, naming each', () => {
  assert.throws(() => parseInitArguments(['--port']), /FL_BAD_INPUT: faultline init --port needs a value, for example --port 8080/);
  assert.throws(() => parseInitArguments(['--name', '--port', '80']), /--name needs a value/);
  assert.throws(() => parseInitArguments(['--prot', '80']), /FL_BAD_INPUT: faultline init has no option --prot; its options are --name, --port, --image, --health, --path/);
  assert.throws(() => parseInitArguments(['--port', 'eighty']), /--port "eighty" is not a port number/);
  assert.throws(() => parseInitArguments(['a', 'b']), /takes one service directory, got "a" and "b"/);
});

test('the faultline command answers --version and --help', () => {
  const bin = join(projectRoot, 'bin', 'faultline.mjs');
  const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
  assert.equal(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim(), version);
  assert.match(execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' }), /^usage: faultline <command>/);
});
