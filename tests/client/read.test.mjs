// Reads through the real @sanity/client: getDocument(s), fetch with parameters (GET and the long
// POST form), the full query response, and GROQ errors as users see them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { expectClientError, useServer } from './assertions.mjs';

const ctx = useServer({ setup: seed });

async function seed({ client }) {
  const tx = client.transaction();
  for (let i = 1; i <= 30; i += 1) {
    tx.create({ _id: `item-${String(i).padStart(3, '0')}`, _type: 'item', n: i, even: i % 2 === 0, name: `Item ${i}`, tags: i % 3 === 0 ? ['fizz'] : [] });
  }
  tx.create({ _id: 'author-1', _type: 'author', name: 'Ada' });
  tx.create({ _id: 'book-1', _type: 'book', title: 'Notes', author: { _type: 'reference', _ref: 'author-1' } });
  tx.create({ _id: 'drafts.book-1', _type: 'book', title: 'Notes (draft)' });
  await tx.commit();
}

describe('getDocument and getDocuments', () => {
  test('getDocument answers the stored document', async () => {
    const doc = await ctx.client.getDocument('item-001');
    assert.deepEqual(
      Object.keys(doc).sort(),
      ['_createdAt', '_id', '_rev', '_type', '_updatedAt', 'even', 'n', 'name', 'tags'],
    );
    assert.equal(doc._id, 'item-001');
    assert.equal(doc.n, 1);
  });

  test('getDocument of a missing id answers undefined', async () => {
    assert.equal(await ctx.client.getDocument('no-such-doc'), undefined);
  });

  test('getDocument works for ids with dots (drafts)', async () => {
    const draft = await ctx.client.getDocument('drafts.book-1');
    assert.equal(draft._id, 'drafts.book-1');
    assert.equal(draft.title, 'Notes (draft)');
  });

  test('getDocuments answers in request order with null for missing ids', async () => {
    const docs = await ctx.client.getDocuments(['item-002', 'missing-1', 'drafts.book-1', 'item-001']);
    assert.equal(docs.length, 4);
    assert.equal(docs[0]._id, 'item-002');
    assert.equal(docs[1], null);
    assert.equal(docs[2]._id, 'drafts.book-1');
    assert.equal(docs[3]._id, 'item-001');
  });

  test('the doc endpoint reports missing ids as omitted with reason "existence"', async () => {
    const response = await ctx.client.request({ uri: '/data/doc/production/item-003,nope-1' });
    assert.deepEqual(response.documents.map((d) => d._id), ['item-003']);
    assert.deepEqual(response.omitted, [{ id: 'nope-1', reason: 'existence' }]);
  });
});

describe('fetch', () => {
  test('string, number, boolean and array parameters', async () => {
    const result = await ctx.client.fetch('*[_type == $type && n > $min && even == $even && !($id in $skip)] | order(n asc) { _id, n }', {
      type: 'item',
      min: 20,
      even: true,
      id: 'ignored',
      skip: ['x'],
    });
    assert.deepEqual(result, [22, 24, 26, 28, 30].map((n) => ({ _id: `item-0${n}`, n })));
  });

  test('object parameters and parameters used in projections', async () => {
    const result = await ctx.client.fetch('{"echo": $obj, "first": *[_id == $obj.id][0].name}', { obj: { id: 'item-005', nested: [1, null] } });
    assert.deepEqual(result, { echo: { id: 'item-005', nested: [1, null] }, first: 'Item 5' });
  });

  test('scalar results, counts and dereferences', async () => {
    assert.equal(await ctx.client.fetch('count(*[_type == "item" && "fizz" in tags])'), 10);
    assert.equal(await ctx.client.fetch('*[_id == "book-1"][0].author->name'), 'Ada');
    assert.equal(await ctx.client.fetch('*[_id == "nope"][0]'), null);
    assert.equal(await ctx.client.fetch('"a" + $s', { s: 'b' }), 'ab');
  });

  test('filterResponse:false answers {query, result, ms}', async () => {
    const query = 'count(*[_type == $t])';
    const response = await ctx.client.fetch(query, { t: 'item' }, { filterResponse: false });
    assert.equal(response.result, 30);
    assert.equal(response.query, query);
    assert.equal(typeof response.ms, 'number');
    assert.ok(response.ms >= 0);
  });

  test('a default fetch omits the echoed query (returnQuery=false)', async () => {
    const response = await ctx.client.fetch('1 + 1', {}, { filterResponse: false, returnQuery: false });
    assert.equal(response.result, 2);
    assert.equal(response.query, undefined);
  });

  test('long queries go as POST and still answer', async () => {
    const ids = Array.from({ length: 1500 }, (_, i) => `item-${String(i + 1).padStart(3, '0')}`);
    const result = await ctx.client.fetch('count(*[_id in $ids])', { ids });
    assert.equal(result, 30);
  });
});

describe('fetch errors', () => {
  test('a parse error is a 400 queryParseError with start/end inside the query', async () => {
    const query = '*[_type == "item" && ] { name }';
    const error = await expectClientError(ctx.client.fetch(query), 400);
    assert.equal(error.details.type, 'queryParseError');
    assert.equal(error.details.query, query);
    assert.equal(typeof error.details.description, 'string');
    assert.ok(error.details.description.length > 0);
    const { start, end } = error.details;
    assert.ok(Number.isInteger(start) && Number.isInteger(end), 'start/end are integers');
    assert.ok(start >= 0 && start <= end && end <= query.length, `bad range ${start}..${end}`);
    assert.ok(start >= query.indexOf('&&'), `the error should point at or after "&&", not at ${start}`);
    assert.ok(error.message.startsWith('GROQ query parse error:'), error.message);
  });

  test('an unterminated query is a parse error too', async () => {
    const query = '*[_type == "item"';
    const error = await expectClientError(ctx.client.fetch(query), 400);
    assert.equal(error.details.type, 'queryParseError');
    assert.ok(error.details.end <= query.length);
  });

  test('an unknown function is a 400 with a description', async () => {
    const error = await expectClientError(ctx.client.fetch('noSuchFunction(1)'), 400);
    assert.equal(typeof error.details?.description, 'string');
  });

  test('a parameter that was not provided is a 400', async () => {
    await expectClientError(ctx.client.fetch('*[_id == $missing]'), 400);
  });
});
