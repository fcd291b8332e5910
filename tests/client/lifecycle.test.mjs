// The server process as users run it: `serve --port 0` prints where it listens, /health answers,
// any /v{version}/ prefix works, SIGTERM exits 0, and data survives a restart.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { describe, test } from 'node:test';

import { assertHealthy } from './assertions.mjs';
import { makeTempDataDir, rawRequest, startServer } from './harness.mjs';

describe('server lifecycle', () => {
  test('two servers started with --port 0 get different free ports and both answer /health', async () => {
    const [first, second] = await Promise.all([startServer(), startServer()]);
    try {
      assert.ok(first.port > 0 && second.port > 0);
      assert.notEqual(first.port, second.port);
      await assertHealthy(first);
      await assertHealthy(second);
    } finally {
      assert.deepEqual(await first.stop(), { code: 0, signal: null });
      assert.deepEqual(await second.stop(), { code: 0, signal: null });
    }
  });

  test('any /v{apiVersion}/ prefix reaches the data API', async () => {
    const server = await startServer();
    try {
      for (const version of ['v1', 'v2021-06-07', 'vX', 'v2025-02-19']) {
        const response = await rawRequest(server, 'GET', `/${version}/data/query/production?query=${encodeURIComponent('1 + 2')}`);
        assert.equal(response.status, 200, `${version}: ${response.text}`);
        assert.equal(response.body.result, 3);
      }
    } finally {
      assert.deepEqual(await server.stop(), { code: 0, signal: null });
    }
  });

  test('documents written before SIGTERM are all there, unchanged, after a restart', async () => {
    const dataDir = makeTempDataDir();
    try {
      const first = await startServer({ dataDir });
      const client = first.client();
      const written = [];
      for (let i = 0; i < 25; i += 1) written.push(await client.create({ _id: `persist-${i}`, _type: 'persisted', i, nested: { list: [i, `${i}`] } }));
      written[0] = await client.patch('persist-0').set({ patched: true }).commit();
      await client.delete('persist-24');
      written.pop();
      assert.deepEqual(await first.stop(), { code: 0, signal: null }, first.output());

      const second = await startServer({ dataDir, token: first.token });
      try {
        const after = await second.client().fetch('*[_type == "persisted"] | order(i asc)');
        assert.deepEqual(after, written);
        const next = await second.client().patch('persist-1').inc({ i: 100 }).commit();
        assert.notEqual(next._rev, written[1]._rev, 'revisions keep changing after a restart');
      } finally {
        assert.deepEqual(await second.stop(), { code: 0, signal: null }, second.output());
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
