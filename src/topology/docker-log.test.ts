import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demuxDockerLog } from './started-service.js';

const frame = (stream: number, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('demuxDockerLog', () => {
  it('joins the payloads of stdout and stderr frames in order', () => {
    assert.equal(demuxDockerLog(Buffer.concat([frame(1, 'a\n'), frame(2, 'b\n'), frame(1, 'ünïcode\n')])), 'a\nb\nünïcode\n');
  });

  it('reads nothing from an empty log and ignores a cut-off header', () => {
    assert.equal(demuxDockerLog(Buffer.alloc(0)), '');
    assert.equal(demuxDockerLog(Buffer.concat([frame(1, 'x'), Buffer.from([1, 0, 0])])), 'x');
  });
});
