// Deletes through the real @sanity/client: by id, by id list, by query with parameters.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { useServer } from './assertions.mjs';

const ctx = useServer();

describe('delete', () => {
  test('by id: answers {transactionId, results:[{id, operation:"delete"}], documentIds} and removes it', async () => {
    await ctx.client.create({ _id: 'del-1', _type: 'post' });
    await ctx.client.create({ _id: 'del-keep', _type: 'post' });
    const answer = await ctx.client.delete('del-1');
    assert.deepEqual(Object.keys(answer).sort(), ['documentIds', 'results', 'transactionId']);
    assert.equal(typeof answer.transactionId, 'string');
    assert.deepEqual(answer.documentIds, ['del-1']);
    assert.equal(answer.results.length, 1);
    assert.equal(answer.results[0].id, 'del-1');
    assert.equal(answer.results[0].operation, 'delete');
    assert.equal(await ctx.client.getDocument('del-1'), undefined);
    assert.equal((await ctx.client.getDocument('del-keep'))._id, 'del-keep');
    assert.equal(await ctx.client.fetch('count(*[_id == "del-1"])'), 0);
  });

  test('a deleted id can be created again as a new document', async () => {
    const first = await ctx.client.create({ _id: 'del-again', _type: 'post', v: 1 });
    await ctx.client.delete('del-again');
    const second = await ctx.client.create({ _id: 'del-again', _type: 'post', v: 2 });
    assert.equal(second.v, 2);
    assert.notEqual(second._rev, first._rev);
  });

  test('by a list of ids', async () => {
    await ctx.client.create({ _id: 'del-list-1', _type: 'post' });
    await ctx.client.create({ _id: 'del-list-2', _type: 'post' });
    const answer = await ctx.client.delete(['del-list-1', 'del-list-2']);
    assert.deepEqual(answer.results.map((r) => [r.id, r.operation]).sort(), [
      ['del-list-1', 'delete'],
      ['del-list-2', 'delete'],
    ]);
    assert.deepEqual(await ctx.client.getDocuments(['del-list-1', 'del-list-2']), [null, null]);
  });

  test('by query with parameters deletes every match and nothing else', async () => {
    for (let i = 0; i < 5; i += 1) await ctx.client.create({ _id: `del-q-${i}`, _type: 'temp', n: i });
    await ctx.client.create({ _id: 'del-q-other', _type: 'keep', n: 0 });
    const answer = await ctx.client.delete({ query: '*[_type == $t && n >= $min]', params: { t: 'temp', min: 2 } });
    assert.deepEqual(answer.results.map((r) => r.id).sort(), ['del-q-2', 'del-q-3', 'del-q-4']);
    for (const result of answer.results) assert.equal(result.operation, 'delete');
    const left = await ctx.client.fetch('*[string::startsWith(_id, "del-q-")]._id');
    assert.deepEqual(left.sort(), ['del-q-0', 'del-q-1', 'del-q-other']);
  });

  test('a query that matches nothing deletes nothing and succeeds', async () => {
    const count = await ctx.client.fetch('count(*)');
    const answer = await ctx.client.delete({ query: '*[_type == "never-used"]' });
    assert.deepEqual(answer.results, []);
    assert.equal(await ctx.client.fetch('count(*)'), count);
  });
});
