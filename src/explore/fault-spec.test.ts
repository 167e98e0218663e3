import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FaultlineError } from '../errors.js';
import { faultSetId, faultSpecId, parseFaultSpecs, type FaultSpec } from './fault-spec.js';

describe('fault specs', () => {
  const http: FaultSpec = { layer: 'http', kind: 'http:500', upstream: 'payment-gateway', route: 'POST /charges', nth: 2 };
  const tcp: FaultSpec = { layer: 'tcp', kind: 'tcp:reset', link: 'payment', step: 0 };

  it('writes each spec as one token and reads it back', () => {
    assert.equal(faultSpecId(http), 'http:500@payment-gateway:POST:/charges#2');
    assert.equal(faultSpecId(tcp), 'tcp:reset@payment:request1');
    assert.deepEqual(parseFaultSpecs(`${faultSpecId(http)},${faultSpecId(tcp)}`), [http, tcp]);
  });

  it('reads "none" as the fault-free run', () => {
    assert.deepEqual(parseFaultSpecs('none'), []);
  });

  it('names a set the same whatever the order of its faults', () => {
    assert.equal(faultSetId([http, tcp]), faultSetId([tcp, http]));
  });

  it('refuses unknown kinds and malformed tokens with FL_BAD_FAULT_SET, naming the token', () => {
    for (const text of ['http:418@payment-gateway:POST:/charges#1', 'tcp:reset@payment:request0', 'payment#1', '']) {
      assert.throws(() => parseFaultSpecs(text), (error: unknown) => error instanceof FaultlineError && error.code === 'FL_BAD_FAULT_SET' && error.message.includes(`"${text.split(',')[0]}"`), text);
    }
  });
});

describe('container fault specs', () => {
  it('name the upstream and the workload request, and read back', () => {
    const spec = { layer: 'container', kind: 'container:pause', upstream: 'payment-gateway', step: 1 } as const;
    assert.equal(faultSpecId(spec), 'container:pause@payment-gateway:request2');
    assert.deepEqual(parseFaultSpecs('container:pause@payment-gateway:request2'), [spec]);
    assert.throws(() => parseFaultSpecs('container:freeze@payment-gateway:request1'), /FL_BAD_FAULT_SET|not one of/);
  });
});

describe('TCP fault specs named by connection', () => {
  it('write the connection and the idle position, and read them back; older tokens still read', () => {
    const during = { layer: 'tcp', kind: 'tcp:reset', link: 'payment', step: 1, connection: 1 } as const;
    const idle = { layer: 'tcp', kind: 'tcp:down', link: 'payment', step: 0, connection: 1, idle: true } as const;
    assert.equal(faultSpecId(during), 'tcp:reset@payment:connection1:request2');
    assert.equal(faultSpecId(idle), 'tcp:down@payment:connection1:idle-after-request1');
    assert.deepEqual(parseFaultSpecs(`${faultSpecId(during)},${faultSpecId(idle)}`), [during, idle]);
    assert.deepEqual(parseFaultSpecs('tcp:reset@db-primary:request3'), [{ layer: 'tcp', kind: 'tcp:reset', link: 'db-primary', step: 2 }]);
  });

  it('refuse an idle position for a fault that needs traffic, and connection 0', () => {
    assert.throws(() => parseFaultSpecs('tcp:reset@payment:connection1:idle-after-request1'), /only tcp:down acts on an idle connection/);
    assert.throws(() => parseFaultSpecs('tcp:reset@payment:connection0:request1'), /counted from 1/);
  });
});

describe('container faults during a scenario', () => {
  it('are held while the When steps run: when-steps, step -1', () => {
    const spec = { layer: 'container', kind: 'container:pause', upstream: 'payment-gateway', step: -1 } as const;
    assert.equal(faultSpecId(spec), 'container:pause@payment-gateway:when-steps');
    assert.deepEqual(parseFaultSpecs('container:pause@payment-gateway:when-steps'), [spec]);
  });
});
