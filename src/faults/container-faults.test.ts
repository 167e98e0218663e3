import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { clearRestore, noteRestore, restoreJournalPath } from '../topology/restore-journal.js';
import { clockOffsetText, firstTarEntry } from './clock-control.js';
import { cpuQuotaUs } from './cpu-quota-fault.js';
import { dnsQueryNameHex } from './dns-failure-fault.js';

describe('dnsQueryNameHex', () => {
  it('writes each label after its length, as in a DNS question', () => {
    assert.equal(dnsQueryNameHex('toxiproxy'), '09746f786970726f7879');
    assert.equal(dnsQueryNameHex('db.internal.'), '0264620869' + Buffer.from('nternal').toString('hex'));
  });

  it('lowercases (the rule matches without case) and refuses what is not a host name', () => {
    assert.equal(dnsQueryNameHex('ToxiProxy'), dnsQueryNameHex('toxiproxy'));
    for (const bad of ['', 'a..b', 'has space', 'x'.repeat(64)]) {
      assert.throws(() => dnsQueryNameHex(bad), /FL_BAD_FAULT|not a host name/, bad);
    }
  });
});

describe('clock control', () => {
  it("writes libfaketime's relative offsets in whole seconds", () => {
    assert.equal(clockOffsetText(3600), '+3600\n');
    assert.equal(clockOffsetText(-30), '-30\n');
    assert.equal(clockOffsetText(0), '+0\n');
  });

  it('reads the first file of a tar archive', () => {
    const header = Buffer.alloc(512);
    header.write('libfaketime.so.1');
    header.write('0000000005\0', 124, 'ascii');
    const tar = Buffer.concat([header, Buffer.from('hello'), Buffer.alloc(507), Buffer.alloc(1024)]);
    assert.equal(firstTarEntry(tar).toString(), 'hello');
    assert.throws(() => firstTarEntry(Buffer.alloc(10)), /not a tar archive/);
  });
});

describe('cpuQuotaUs', () => {
  it('is the share of one CPU per 100 ms period, never under the kernel minimum', () => {
    assert.equal(cpuQuotaUs(50), 50_000);
    assert.equal(cpuQuotaUs(150), 150_000);
    assert.equal(cpuQuotaUs(0.5), 1000);
  });
});

describe('restore journal', () => {
  it('keeps what the watchdog must undo until the fault is removed, one entry per container and action', () => {
    const run = `unit-${process.pid}`;
    noteRestore(run, { action: 'unpause', containerId: 'a' });
    noteRestore(run, { action: 'unpause', containerId: 'a' });
    noteRestore(run, { action: 'cpu-quota', containerId: 'a', cpuQuota: -1, cpuPeriod: 100_000 });
    assert.equal(existsSync(restoreJournalPath(run)), true);
    clearRestore(run, { action: 'unpause', containerId: 'a' });
    clearRestore(run, { action: 'cpu-quota', containerId: 'a', cpuQuota: -1, cpuPeriod: 100_000 });
    assert.equal(existsSync(restoreJournalPath(run)), false);
  });
});
