import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { breakerTransitionsFromLog } from './breaker-log.js';

const line = (time: number, breakerState: string) => JSON.stringify({ level: 40, time, breakerState, msg: `payment circuit ${breakerState}` });

describe('breakerTransitionsFromLog', () => {
  it('reads each change of state with its time, from closed', () => {
    const log = [line(100, 'open'), '{"level":30,"time":150,"msg":"order created"}', line(200, 'half_open'), line(210, 'closed')].join('\n');
    assert.deepEqual(breakerTransitionsFromLog(log, 0), [
      { at: 100, from: 'closed', to: 'open' },
      { at: 200, from: 'open', to: 'half-open' },
      { at: 210, from: 'half-open', to: 'closed' },
    ]);
  });

  it('reads ISO timestamps too', () => {
    const log = JSON.stringify({ level: 'warn', time: '2026-01-01T00:00:01.500Z', breakerState: 'open' });
    assert.deepEqual(breakerTransitionsFromLog(log, 0), [{ at: Date.parse('2026-01-01T00:00:01.500Z'), from: 'closed', to: 'open' }]);
  });

  it('skips lines before the scenario, other output, and repeats of the same state', () => {
    const log = ['not json breakerState', line(50, 'open'), line(120, 'open'), `2026-01-01T00:00:00Z ${line(130, 'half_open')}`].join('\n');
    assert.deepEqual(breakerTransitionsFromLog(log, 100), [
      { at: 120, from: 'closed', to: 'open' },
      { at: 130, from: 'open', to: 'half-open' },
    ]);
  });
});
