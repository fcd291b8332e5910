// Transactions through the real @sanity/client: several mutations in one request, all or
// nothing, ifRevisionID conflicts, dryRun, transactionId echo and the return shapes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { assertSystemFields, datasetSnapshot, expectMutationError, useServer, userFields } from './assertions.mjs';

const ctx = useServer();

describe('transactions', () => {
  test('several mutations commit together; results follow mutation order', async () => {
    await ctx.client.create({ _id: 'tx-patched', _type: 'post', n: 1 });
    await ctx.client.create({ _id: 'tx-deleted', _type: 'post' });
    const answer = await ctx.client
      .transaction()
      .create({ _id: 'tx-created', _type: 'post', a: 1 })
      .createOrReplace({ _id: 'tx-replaced', _type: 'post', b: 2 })
      .patch('tx-patched', (p) => p.inc({ n: 1 }))
      .delete('tx-deleted')
      .commit();
    assert.deepEqual(Object.keys(answer).sort(), ['documentIds', 'results', 'transactionId']);
    assert.deepEqual(answer.documentIds, ['tx-created', 'tx-replaced', 'tx-patched', 'tx-deleted']);
    assert.deepEqual(
      answer.results.map((r) => [r.id, r.operation]),
      [
        ['tx-created', 'create'],
        ['tx-replaced', 'create'],
        ['tx-patched', 'update'],
        ['tx-deleted', 'delete'],
      ],
    );
    const [created, replaced, patched, deleted] = await ctx.client.getDocuments(['tx-created', 'tx-replaced', 'tx-patched', 'tx-deleted']);
    assert.deepEqual(userFields(created), { a: 1 });
    assert.deepEqual(userFields(replaced), { b: 2 });
    assert.equal(patched.n, 2);
    assert.equal(deleted, null);
    assert.equal(created._rev, patched._rev, 'every document of one transaction gets the same new _rev');
    assert.equal(created._rev, replaced._rev);
  });

  test('returnDocuments:true answers the documents after the transaction', async () => {
    const docs = await ctx.client
      .transaction()
      .create({ _id: 'txdocs-1', _type: 'post' })
      .create({ _id: 'txdocs-2', _type: 'post' })
      .patch('txdocs-1', (p) => p.set({ x: 1 }))
      .commit({ returnDocuments: true });
    assert.ok(Array.isArray(docs));
    for (const doc of docs) assertSystemFields(doc, { type: 'post' });
    const final = await ctx.client.getDocument('txdocs-1');
    assert.equal(final.x, 1);
    assert.deepEqual(docs.find((d) => d._id === 'txdocs-2'), await ctx.client.getDocument('txdocs-2'));
  });

  test('client.mutate with returnDocuments:true answers one document per result', async () => {
    const docs = await ctx.client.mutate(
      [{ create: { _id: 'mutate-a', _type: 'post' } }, { createOrReplace: { _id: 'mutate-b', _type: 'post', v: 1 } }],
      { returnDocuments: true },
    );
    assert.equal(docs.length, 2);
    assertSystemFields(docs[0], { id: 'mutate-a', type: 'post' });
    assertSystemFields(docs[1], { id: 'mutate-b', type: 'post' });
    assert.equal(docs[1].v, 1);
  });

  test('a transactionId chosen by the client is echoed; otherwise each gets a fresh one', async () => {
    const echoed = await ctx.client.transaction().create({ _id: 'txid-1', _type: 'post' }).commit({ transactionId: 'my-tx-0001' });
    assert.equal(echoed.transactionId, 'my-tx-0001');
    const first = await ctx.client.transaction().create({ _id: 'txid-2', _type: 'post' }).commit();
    const second = await ctx.client.transaction().create({ _id: 'txid-3', _type: 'post' }).commit();
    assert.equal(typeof first.transactionId, 'string');
    assert.ok(first.transactionId.length > 0);
    assert.notEqual(first.transactionId, second.transactionId);
  });

  test('when one mutation fails nothing is applied (missing patch target)', async () => {
    await ctx.client.create({ _id: 'atomic-existing', _type: 'post', n: 1 });
    const before = await datasetSnapshot(ctx.client);
    const details = await expectMutationError(
      ctx.client
        .transaction()
        .create({ _id: 'atomic-new', _type: 'post' })
        .patch('atomic-existing', (p) => p.inc({ n: 1 }))
        .delete('tx-created')
        .patch('atomic-missing', (p) => p.set({ a: 1 }))
        .commit(),
      409,
    );
    assert.equal(details.items[0].index, 3, 'the item names the failing mutation');
    assert.deepEqual(await datasetSnapshot(ctx.client), before);
  });

  test('when one mutation fails nothing is applied (duplicate create, bad inc)', async () => {
    await ctx.client.create({ _id: 'atomic-dup', _type: 'post', s: 'str' });
    const before = await datasetSnapshot(ctx.client);
    await expectMutationError(
      ctx.client.transaction().create({ _id: 'atomic-2', _type: 'post' }).create({ _id: 'atomic-dup', _type: 'post' }).commit(),
      409,
    );
    await expectMutationError(
      ctx.client.transaction().createOrReplace({ _id: 'atomic-3', _type: 'post' }).patch('atomic-dup', (p) => p.inc({ s: 1 })).commit(),
      400,
    );
    assert.deepEqual(await datasetSnapshot(ctx.client), before);
  });
});

describe('ifRevisionID', () => {
  test('the current revision lets the patch through', async () => {
    const doc = await ctx.client.create({ _id: 'rev-ok', _type: 'post', n: 1 });
    const after = await ctx.client.patch('rev-ok').ifRevisionId(doc._rev).inc({ n: 1 }).commit();
    assert.equal(after.n, 2);
  });

  test('a stale revision is a 409 conflict naming expected and actual; nothing applied', async () => {
    const doc = await ctx.client.create({ _id: 'rev-stale', _type: 'post', n: 1 });
    const current = await ctx.client.patch('rev-stale').inc({ n: 1 }).commit();
    const before = await datasetSnapshot(ctx.client);
    const details = await expectMutationError(
      ctx.client
        .transaction()
        .create({ _id: 'rev-side-effect', _type: 'post' })
        .patch('rev-stale', (p) => p.ifRevisionId(doc._rev).set({ n: 100 }))
        .commit(),
      409,
    );
    assert.equal(details.items.length, 1);
    const item = details.items[0];
    assert.equal(item.index, 1);
    assert.equal(item.error.type, 'conflict');
    assert.equal(item.error.id, 'rev-stale');
    assert.equal(item.error.expected, doc._rev);
    assert.equal(item.error.actual, current._rev);
    assert.deepEqual(await datasetSnapshot(ctx.client), before);
  });

  test('the conflict error reaches users with statusCode, details and a readable message', async () => {
    const doc = await ctx.client.create({ _id: 'rev-message', _type: 'post' });
    await ctx.client.patch('rev-message').set({ a: 1 }).commit();
    try {
      await ctx.client.patch('rev-message').ifRevisionId(doc._rev).set({ a: 2 }).commit();
      assert.fail('stale ifRevisionID was accepted');
    } catch (error) {
      if (error instanceof assert.AssertionError) throw error;
      assert.equal(error.statusCode, 409);
      assert.equal(error.details.type, 'mutationError');
      assert.ok(error.message.includes(doc._rev), `message should name the expected revision: ${error.message}`);
      assert.ok(error.message.includes('\n- '), 'message lists the item errors');
    }
    assert.equal((await ctx.client.getDocument('rev-message')).a, 1);
  });
});

describe('dryRun', () => {
  test('a dry-run create answers the would-be document but stores nothing', async () => {
    const before = await datasetSnapshot(ctx.client);
    const doc = await ctx.client.create({ _id: 'dry-create', _type: 'post', a: 1 }, { dryRun: true });
    assertSystemFields(doc, { id: 'dry-create', type: 'post' });
    assert.equal(doc.a, 1);
    assert.equal(await ctx.client.getDocument('dry-create'), undefined);
    assert.deepEqual(await datasetSnapshot(ctx.client), before);
  });

  test('a dry-run patch answers the patched document but changes nothing', async () => {
    const original = await ctx.client.create({ _id: 'dry-patch', _type: 'post', n: 1 });
    const preview = await ctx.client.patch('dry-patch').inc({ n: 41 }).commit({ dryRun: true });
    assert.equal(preview.n, 42);
    assert.deepEqual(await ctx.client.getDocument('dry-patch'), original);
  });

  test('a dry run still reports errors', async () => {
    await ctx.client.create({ _id: 'dry-dup', _type: 'post' });
    await expectMutationError(ctx.client.create({ _id: 'dry-dup', _type: 'post' }, { dryRun: true }), 409);
  });
});

describe('visibility', () => {
  test('a write is visible to the next query (visibility sync)', async () => {
    for (let i = 0; i < 20; i += 1) {
      await ctx.client.create({ _type: 'visibilityProbe', i });
      assert.equal(await ctx.client.fetch('count(*[_type == "visibilityProbe"])'), i + 1);
    }
  });

  test('visibility async and deferred are accepted', async () => {
    await ctx.client.create({ _id: 'vis-async', _type: 'post' }, { visibility: 'async' });
    await ctx.client.create({ _id: 'vis-deferred', _type: 'post' }, { visibility: 'deferred' });
    const deadline = Date.now() + 5000;
    while ((await ctx.client.getDocuments(['vis-async', 'vis-deferred'])).includes(null)) {
      assert.ok(Date.now() < deadline, 'async/deferred writes never became visible');
    }
  });
});
