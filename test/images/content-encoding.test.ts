/** The site server's Accept-Encoding choice (docker/content-encoding.mjs), as a pure function. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chooseEncoding, isSibling, parseAcceptEncoding } from '../../docker/content-encoding.mjs';

const both = ['br', 'gzip'];

describe('images: site server, Accept-Encoding', () => {
  test('what browsers send gets brotli, and gzip where brotli is missing', () => {
    assert.equal(chooseEncoding('gzip, deflate, br, zstd', both), 'br');
    assert.equal(chooseEncoding('gzip, deflate, br, zstd', ['gzip']), 'gzip');
    assert.equal(chooseEncoding('gzip, deflate', both), 'gzip');
    assert.equal(chooseEncoding('gzip, deflate, br, zstd', []), 'identity');
  });

  test('no header means the file itself; an empty one too', () => {
    assert.equal(chooseEncoding(undefined, both), 'identity');
    assert.equal(chooseEncoding('', both), 'identity');
  });

  test('the highest q wins; on a tie br, then gzip, then identity', () => {
    assert.equal(chooseEncoding('br;q=0.5, gzip;q=0.8', both), 'gzip');
    assert.equal(chooseEncoding('gzip;q=0.8, br;q=0.8', both), 'br');
    assert.equal(chooseEncoding('gzip, identity', both), 'gzip');
    assert.equal(chooseEncoding('gzip;q=0.5, identity', both), 'identity');
    assert.equal(chooseEncoding('identity;q=0.9, br', both), 'br');
  });

  test('q=0 refuses a coding', () => {
    assert.equal(chooseEncoding('br;q=0, gzip', both), 'gzip');
    assert.equal(chooseEncoding('br;q=0.000, gzip;q=0', both), 'identity');
    assert.equal(chooseEncoding('identity;q=0, gzip', both), 'gzip');
  });

  test('identity refused and nothing else acceptable: null (the server answers 406)', () => {
    assert.equal(chooseEncoding('identity;q=0', both), null);
    assert.equal(chooseEncoding('*;q=0', both), null);
    assert.equal(chooseEncoding('br, identity;q=0', ['gzip']), null);
    assert.equal(chooseEncoding('*;q=0, identity', both), 'identity');
    assert.equal(chooseEncoding('*;q=0, gzip', both), 'gzip');
  });

  test('* stands for every coding the header does not name, identity included', () => {
    assert.equal(chooseEncoding('*', both), 'br');
    assert.equal(chooseEncoding('br;q=0, *', both), 'gzip');
    assert.equal(chooseEncoding('gzip;q=0.5, *;q=0.1', both), 'gzip');
    assert.equal(chooseEncoding('gzip;q=0.5, *', ['gzip']), 'identity');
  });

  test('names and parameters are case-insensitive, spaces are allowed, x-gzip is gzip', () => {
    assert.equal(chooseEncoding('GZIP ; Q=1, BR ; q=0.2', both), 'gzip');
    assert.equal(chooseEncoding('x-gzip', both), 'gzip');
    assert.deepEqual(
      [...parseAcceptEncoding(' br ;q=0.7 , ,gzip;level=9, identity;q=0')],
      [
        ['br', 0.7],
        ['gzip', 1],
        ['identity', 0],
      ],
    );
  });

  test('a malformed q drops its entry; the first entry for a coding counts', () => {
    assert.deepEqual(
      [...parseAcceptEncoding('br;q=2, gzip;q=0.5x, deflate;q=, identity;q=1.0, br;q=0.3')],
      [
        ['identity', 1],
        ['br', 0.3],
      ],
    );
    assert.equal(chooseEncoding('br;q=0.1234, gzip;q=0.1', both), 'gzip');
    assert.equal(chooseEncoding('gzip;q=0.9, gzip;q=0', both), 'gzip');
  });

  test('a .br or .gz file is a sibling only when the file it compresses exists', async () => {
    const files = new Set(['/d/app.js', '/d/app.js.br', '/d/data.tar.gz']);
    const isFile = async (path: string) => files.has(path);
    assert.equal(await isSibling('/d/app.js.br', isFile), true);
    assert.equal(await isSibling('/d/data.tar.gz', isFile), false);
    assert.equal(await isSibling('/d/app.js', isFile), false);
  });
});
