import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attachMode, secretsFromTemplate } from './attach.js';
import { demuxLogs } from '../topology/attached-container.js';

test('secrets are read out of an environment by its template', () => {
  assert.deepEqual(
    secretsFromTemplate('{{secret:api-key}},{{secret:api-key-2}},{{secret:warm-up-key}}', 'dev-key,dev-key-2,warm-up-key'),
    new Map([['api-key', 'dev-key'], ['api-key-2', 'dev-key-2'], ['warm-up-key', 'warm-up-key']]),
  );
  assert.deepEqual(secretsFromTemplate('postgres://u:{{secret:pw}}@{{link:db}}/orders', 'postgres://u:s3cret@toxiproxy:8667/orders'), new Map([['pw', 's3cret']]));
  assert.equal(secretsFromTemplate('{{secret:a}},{{secret:b}}', 'only-one'), undefined);
  assert.equal(secretsFromTemplate('prefix-{{secret:a}}', 'other-x'), undefined);
});

test('attach mode is off unless FAULTLINE_ATTACH names a compose project', () => {
  assert.equal(attachMode({}), undefined);
  assert.equal(attachMode({ FAULTLINE_ATTACH: '0' }), undefined);
  assert.equal(attachMode({ FAULTLINE_ATTACH: '1' }), 'faultline');
  assert.equal(attachMode({ FAULTLINE_ATTACH: 'my-stack' }), 'my-stack');
});

test("Docker's multiplexed log frames are joined into text", () => {
  const frame = (stream: number, text: string) => {
    const body = Buffer.from(text);
    const header = Buffer.alloc(8);
    header[0] = stream;
    header.writeUInt32BE(body.length, 4);
    return Buffer.concat([header, body]);
  };
  assert.equal(demuxLogs(Buffer.concat([frame(1, 'out ü\n'), frame(2, 'err\n')])), 'out ü\nerr\n');
});
