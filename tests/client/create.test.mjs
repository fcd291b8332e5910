// create, createOrReplace and createIfNotExists through the real @sanity/client: ids, system
// fields, operations and return shapes.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { assertSystemFields, expectMutationError, sleep, useServer, userFields } from './assertions.mjs';

const ctx = useServer();

describe('create', () => {
  test('without _id the server generates a unique id and sets every system field', async () => {
    const before = Date.now();
    const first = await ctx.client.create({ _type: 'post', title: 'hello', n: 1, tags: ['a'] });
    const second = await ctx.client.create({ _type: 'post', title: 'hello' });
    assertSystemFields(first, { type: 'post' });
    assertSystemFields(second, { type: 'post' });
    assert.notEqual(first._id, second._id);
    assert.deepEqual(userFields(first), { title: 'hello', n: 1, tags: ['a'] });
    assert.equal(first._createdAt, first._updatedAt, 'a new document has _updatedAt == _createdAt');
    assert.ok(Date.parse(first._createdAt) >= before - 2000, '_createdAt is not now');
    assert.ok(Date.parse(first._createdAt) <= Date.now() + 2000, '_createdAt is in the future');
    assert.deepEqual(await ctx.client.getDocument(first._id), first);
  });

  test('with _id the id is used as is', async () => {
    const doc = await ctx.client.create({ _id: 'create-explicit', _type: 'post', title: 't' });
    assertSystemFields(doc, { id: 'create-explicit', type: 'post' });
    assert.deepEqual(userFields(doc), { title: 't' });
  });

  test('an _id ending in "." is a prefix for a generated id', async () => {
    const first = await ctx.client.create({ _id: 'x.', _type: 'post' });
    const second = await ctx.client.create({ _id: 'x.', _type: 'post' });
    assert.ok(first._id.startsWith('x.') && first._id.length > 2, `unexpected id ${first._id}`);
    assert.ok(second._id.startsWith('x.') && second._id.length > 2, `unexpected id ${second._id}`);
    assert.notEqual(first._id, second._id);
    assert.deepEqual(await ctx.client.getDocument(first._id), first);
  });

  test('client-supplied _rev, _createdAt and _updatedAt are overwritten', async () => {
    const doc = await ctx.client.create({
      _id: 'create-system-fields',
      _type: 'post',
      _rev: 'client-rev',
      _createdAt: '2001-01-01T00:00:00Z',
      _updatedAt: '2001-01-01T00:00:00Z',
    });
    assertSystemFields(doc, { id: 'create-system-fields' });
    assert.notEqual(doc._rev, 'client-rev');
    assert.notEqual(doc._createdAt, '2001-01-01T00:00:00Z');
    assert.notEqual(doc._updatedAt, '2001-01-01T00:00:00Z');
  });

  test('returnDocuments:false answers {transactionId, results, documentId}', async () => {
    const answer = await ctx.client.create({ _id: 'create-ids-only', _type: 'post' }, { returnDocuments: false });
    assert.deepEqual(Object.keys(answer).sort(), ['documentId', 'results', 'transactionId']);
    assert.equal(typeof answer.transactionId, 'string');
    assert.ok(answer.transactionId.length > 0);
    assert.equal(answer.documentId, 'create-ids-only');
    assert.equal(answer.results.length, 1);
    assert.equal(answer.results[0].id, 'create-ids-only');
    assert.equal(answer.results[0].operation, 'create');
  });

  test('a create with an existing id is a 409 mutationError and changes nothing', async () => {
    const original = await ctx.client.create({ _id: 'create-dup', _type: 'post', title: 'first' });
    const details = await expectMutationError(ctx.client.create({ _id: 'create-dup', _type: 'post', title: 'second' }), 409);
    assert.equal(details.items[0].index, 0);
    assert.ok(details.items[0].error.description.includes('create-dup'), 'the error names the document');
    assert.deepEqual(await ctx.client.getDocument('create-dup'), original);
  });

  test('a create without _type is a 400 mutationError and creates nothing', async () => {
    await expectMutationError(ctx.client.create({ _id: 'create-no-type', title: 'x' }), 400);
    assert.equal(await ctx.client.getDocument('create-no-type'), undefined);
  });
});

describe('createOrReplace', () => {
  test('creates a missing document (operation "create")', async () => {
    const answer = await ctx.client.createOrReplace({ _id: 'cor-new', _type: 'post', a: 1 }, { returnDocuments: false });
    assert.equal(answer.documentId, 'cor-new');
    assert.equal(answer.results.length, 1);
    assert.equal(answer.results[0].id, 'cor-new');
    assert.equal(answer.results[0].operation, 'create');
    const doc = await ctx.client.getDocument('cor-new');
    assertSystemFields(doc, { id: 'cor-new', type: 'post' });
    assert.deepEqual(userFields(doc), { a: 1 });
  });

  test('replaces the whole content of an existing document (operation "update")', async () => {
    const original = await ctx.client.create({ _id: 'cor-existing', _type: 'post', a: 1, b: { c: 2 } });
    await sleep(5);
    const replaced = await ctx.client.createOrReplace({ _id: 'cor-existing', _type: 'article', z: true });
    assertSystemFields(replaced, { id: 'cor-existing', type: 'article' });
    assert.deepEqual(userFields(replaced), { z: true }, 'old fields must be gone');
    assert.notEqual(replaced._rev, original._rev);
    assert.equal(replaced._createdAt, original._createdAt, '_createdAt is stable across a replace');
    assert.ok(Date.parse(replaced._updatedAt) >= Date.parse(original._updatedAt));

    const answer = await ctx.client.createOrReplace({ _id: 'cor-existing', _type: 'article' }, { returnDocuments: false });
    assert.equal(answer.results.length, 1);
    assert.equal(answer.results[0].id, 'cor-existing');
    assert.equal(answer.results[0].operation, 'update');
  });
});

describe('createIfNotExists', () => {
  test('creates a new document', async () => {
    const doc = await ctx.client.createIfNotExists({ _id: 'cine-new', _type: 'post', v: 1 });
    assertSystemFields(doc, { id: 'cine-new', type: 'post' });
    assert.deepEqual(userFields(doc), { v: 1 });
  });

  test('leaves an existing document untouched', async () => {
    const original = await ctx.client.create({ _id: 'cine-existing', _type: 'post', v: 1 });
    const answer = await ctx.client.createIfNotExists({ _id: 'cine-existing', _type: 'post', v: 2 }, { returnDocuments: false });
    assert.equal(typeof answer.transactionId, 'string');
    for (const result of answer.results) {
      assert.equal(result.id, 'cine-existing');
      assert.equal(result.operation, 'none', 'an untouched document may only be reported as "none"');
    }
    assert.deepEqual(await ctx.client.getDocument('cine-existing'), original, 'document (and _rev) unchanged');
  });
});
