import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import { countDistinctColours, decodePng } from './png-pixels.js';

function chunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  // The decoder does not check CRCs; zeros keep the fixture readable.
  return Buffer.concat([length, Buffer.from(type, 'latin1'), body, Buffer.alloc(4)]);
}

function png(width: number, height: number, colourType: number, filteredRows: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = colourType;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(filteredRows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('decodePng', () => {
  it('undoes the row filters (none, sub, up, average, paeth)', () => {
    // 2x5 RGB; every row holds pixels (10,20,30) and (40,50,60), each written with another filter.
    const rows = Buffer.from([
      0, 10, 20, 30, 40, 50, 60,
      1, 10, 20, 30, 30, 30, 30,
      2, 0, 0, 0, 0, 0, 0,
      3, 5, 10, 15, 15, 15, 15,
      4, 0, 0, 0, 0, 0, 0,
    ]);
    const image = decodePng(png(2, 5, 2, rows));
    assert.deepEqual([image.width, image.height, image.channels], [2, 5, 3]);
    for (let row = 0; row < 5; row++) assert.deepEqual([...image.pixels.subarray(row * 6, row * 6 + 6)], [10, 20, 30, 40, 50, 60], `row ${row}`);
    assert.equal(countDistinctColours(image), 2);
  });

  it('counts one colour in a blank image', () => {
    const white = Buffer.from([0, 255, 255, 255, 255, 255, 255, 255, 255, 0, 255, 255, 255, 255, 255, 255, 255, 255]);
    assert.equal(countDistinctColours(decodePng(png(2, 2, 6, white))), 1);
  });

  it('says what it cannot read', () => {
    assert.throws(() => decodePng(Buffer.from('GIF89a')), /not a PNG file/);
    const sixteenBit = png(1, 1, 2, Buffer.alloc(7));
    sixteenBit[24] = 16;
    assert.throws(() => decodePng(sixteenBit), /bit depth 16/);
  });
});
