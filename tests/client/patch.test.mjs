// Patches through the real @sanity/client: every operation, keyed and index paths, the fixed
// operation order, and what a patch answers (operation, new _rev, stable _createdAt).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
  assertSystemFields,
  expectClientError,
  expectMutationError,
  sleep,
  useServer,
  userFields,
} from './assertions.mjs';

const ctx = useServer();
let sequence = 0;

// Creates a fresh document with `fields` and returns it.
async function fresh(fields) {
  sequence += 1;
  return ctx.client.create({ _id: `patch-${sequence}`, _type: 'post', ...fields });
}

// Applies `build(patch)` to a fresh document holding `fields`; returns [before, after].
async function patched(fields, build) {
  const before = await fresh(fields);
  const after = await build(ctx.client.patch(before._id)).commit();
  return [before, after];
}

describe('patch answers', () => {
  test('a committed patch returns the new document with a new _rev, same _createdAt, later _updatedAt', async () => {
    const before = await fresh({ title: 'a' });
    await sleep(1100); // timestamps may have one-second resolution
    const after = await ctx.client.patch(before._id).set({ title: 'b' }).commit();
    assertSystemFields(after, { id: before._id, type: 'post' });
    assert.notEqual(after._rev, before._rev);
    assert.equal(after._createdAt, before._createdAt);
    assert.ok(Date.parse(after._updatedAt) > Date.parse(before._updatedAt), '_updatedAt must advance');
    assert.deepEqual(userFields(after), { title: 'b' });
    assert.deepEqual(await ctx.client.getDocument(before._id), after);
  });

  test('returnDocuments:false answers {transactionId, results:[{id, operation:"update"}], documentId}', async () => {
    const before = await fresh({ n: 1 });
    const answer = await ctx.client.patch(before._id).inc({ n: 1 }).commit({ returnDocuments: false });
    assert.deepEqual(Object.keys(answer).sort(), ['documentId', 'results', 'transactionId']);
    assert.equal(answer.documentId, before._id);
    assert.equal(answer.results.length, 1);
    assert.equal(answer.results[0].id, before._id);
    assert.equal(answer.results[0].operation, 'update');
    assert.equal((await ctx.client.getDocument(before._id)).n, 2);
  });

  test('a patch on a missing document is a 409 mutationError', async () => {
    await expectMutationError(ctx.client.patch('patch-does-not-exist').set({ a: 1 }).commit(), 409);
    assert.equal(await ctx.client.getDocument('patch-does-not-exist'), undefined);
  });

  test('a patch by query updates every matching document', async () => {
    await ctx.client.create({ _id: 'bulk-1', _type: 'bulkItem', n: 1 });
    await ctx.client.create({ _id: 'bulk-2', _type: 'bulkItem', n: 2 });
    await ctx.client.create({ _id: 'bulk-other', _type: 'other', n: 3 });
    const docs = await ctx.client.patch({ query: '*[_type == $t]', params: { t: 'bulkItem' } }).inc({ n: 10 }).commit();
    assert.deepEqual(docs.map((d) => [d._id, d.n]).sort(), [['bulk-1', 11], ['bulk-2', 12]]);
    assert.equal((await ctx.client.getDocument('bulk-other')).n, 3);
  });
});

describe('set, setIfMissing, unset', () => {
  test('set replaces values and creates missing intermediate objects', async () => {
    const [, after] = await patched({ title: 'a', meta: { x: 1, y: 2 } }, (p) =>
      p.set({ title: 'b', 'meta.x': 10, 'deep.er.path': 'v', list: [1, 2] }),
    );
    assert.deepEqual(userFields(after), { title: 'b', meta: { x: 10, y: 2 }, deep: { er: { path: 'v' } }, list: [1, 2] });
  });

  test('set of an object replaces it instead of merging', async () => {
    const [, after] = await patched({ meta: { x: 1, y: 2 } }, (p) => p.set({ meta: { z: 3 } }));
    assert.deepEqual(userFields(after), { meta: { z: 3 } });
  });

  test('setIfMissing sets absent fields and keeps present ones', async () => {
    const [, after] = await patched({ title: 'keep', zero: 0, empty: '' }, (p) =>
      p.setIfMissing({ title: 'no', zero: 5, empty: 'no', added: 'yes', 'nested.k': 1 }),
    );
    assert.deepEqual(userFields(after), { title: 'keep', zero: 0, empty: '', added: 'yes', nested: { k: 1 } });
  });

  test('unset removes fields, nested fields and array elements; missing paths are no-ops', async () => {
    const [, after] = await patched({ a: 1, b: { c: 2, d: 3 }, tags: ['x', 'y', 'z'] }, (p) =>
      p.unset(['a', 'b.c', 'tags[1]', 'not.there', 'tags[99]']),
    );
    assert.deepEqual(userFields(after), { b: { d: 3 }, tags: ['x', 'z'] });
  });

  test('patches cannot change _id', async () => {
    const before = await fresh({ a: 1 });
    try {
      await ctx.client.patch(before._id).set({ _id: 'patch-renamed' }).commit();
    } catch (error) {
      assert.equal(error.statusCode, 400, error.message);
    }
    assert.equal(await ctx.client.getDocument('patch-renamed'), undefined);
    assert.equal((await ctx.client.getDocument(before._id))._id, before._id);
  });
});

describe('inc and dec', () => {
  test('inc and dec add and subtract, including floats and nested paths', async () => {
    const [, after] = await patched({ n: 5, price: 1.5, stats: { views: 10 } }, (p) =>
      p.inc({ n: 2, 'stats.views': 1 }).dec({ price: 0.5 }),
    );
    assert.deepEqual(userFields(after), { n: 7, price: 1, stats: { views: 11 } });
  });

  test('setIfMissing runs before inc in the same patch', async () => {
    const [, after] = await patched({}, (p) => p.inc({ count: 3 }).setIfMissing({ count: 10 }));
    assert.equal(after.count, 13);
  });

  test('inc on a string is a 400 and changes nothing', async () => {
    const before = await fresh({ s: 'text', n: 1 });
    await expectMutationError(ctx.client.patch(before._id).set({ n: 2 }).inc({ s: 1 }).commit(), 400);
    assert.deepEqual(await ctx.client.getDocument(before._id), before);
  });
});

describe('arrays: insert, append, prepend, splice', () => {
  test('insert before an index', async () => {
    const [, after] = await patched({ tags: ['a', 'b'] }, (p) => p.insert('before', 'tags[1]', ['x', 'y']));
    assert.deepEqual(after.tags, ['a', 'x', 'y', 'b']);
  });

  test('insert after a negative index', async () => {
    const [, after] = await patched({ tags: ['a', 'b', 'c'] }, (p) => p.insert('after', 'tags[-2]', ['x']));
    assert.deepEqual(after.tags, ['a', 'b', 'x', 'c']);
  });

  test('insert replace swaps one element for several', async () => {
    const [, after] = await patched({ tags: ['a', 'b', 'c'] }, (p) => p.insert('replace', 'tags[1]', ['x', 'y']));
    assert.deepEqual(after.tags, ['a', 'x', 'y', 'c']);
  });

  test('append and prepend', async () => {
    const [, appended] = await patched({ tags: ['a'] }, (p) => p.append('tags', ['b', 'c']));
    assert.deepEqual(appended.tags, ['a', 'b', 'c']);
    const [, prepended] = await patched({ tags: ['a'] }, (p) => p.prepend('tags', ['y', 'z']));
    assert.deepEqual(prepended.tags, ['y', 'z', 'a']);
  });

  test('setIfMissing then append builds a missing array', async () => {
    const [, after] = await patched({}, (p) => p.setIfMissing({ tags: [] }).append('tags', ['first']));
    assert.deepEqual(after.tags, ['first']);
  });

  test('append to an empty array', async () => {
    const [, after] = await patched({ tags: [] }, (p) => p.append('tags', [1]));
    assert.deepEqual(after.tags, [1]);
  });

  test('splice removes and inserts', async () => {
    const [, removed] = await patched({ n: [0, 1, 2, 3, 4] }, (p) => p.splice('n', 1, 2, ['x']));
    assert.deepEqual(removed.n, [0, 'x', 3, 4]);
    const [, deletedOnly] = await patched({ n: [0, 1, 2, 3, 4] }, (p) => p.splice('n', 3, 1));
    assert.deepEqual(deletedOnly.n, [0, 1, 2, 4]);
    const [, lastTwo] = await patched({ n: [0, 1, 2, 3, 4] }, (p) => p.insert('replace', 'n[-2:]', ['y']));
    assert.deepEqual(lastTwo.n, [0, 1, 2, 'y']);
  });

  test('insert into a missing array is a 400 and changes nothing', async () => {
    const before = await fresh({ a: 1 });
    await expectMutationError(ctx.client.patch(before._id).append('missing', ['x']).commit(), 400);
    assert.deepEqual(await ctx.client.getDocument(before._id), before);
  });
});

describe('keyed paths', () => {
  const body = () => [
    { _key: 'k1', _type: 'block', text: 'one' },
    { _key: 'k2', _type: 'block', text: 'two' },
    { _key: 'k3', _type: 'block', text: 'three' },
  ];

  test('set through a _key selector (double and single quotes)', async () => {
    const [, after] = await patched({ body: body() }, (p) =>
      p.set({ 'body[_key=="k2"].text': 'TWO', "body[_key=='k3'].extra": true }),
    );
    assert.deepEqual(after.body, [
      { _key: 'k1', _type: 'block', text: 'one' },
      { _key: 'k2', _type: 'block', text: 'TWO' },
      { _key: 'k3', _type: 'block', text: 'three', extra: true },
    ]);
  });

  test('set on a key that matches nothing is a no-op', async () => {
    const [, after] = await patched({ body: body() }, (p) => p.set({ 'body[_key=="nope"].text': 'x' }));
    assert.deepEqual(after.body, body());
  });

  test('unset and insert relative to keyed elements', async () => {
    const [, after] = await patched({ body: body() }, (p) =>
      p.unset(['body[_key=="k1"]']).insert('after', 'body[_key=="k2"]', [{ _key: 'new', _type: 'block', text: 'n' }]),
    );
    assert.deepEqual(
      after.body.map((b) => b._key),
      ['k2', 'new', 'k3'],
    );
  });

  test('inc through a keyed path', async () => {
    const [, after] = await patched({ items: [{ _key: 'a', qty: 1 }, { _key: 'b', qty: 5 }] }, (p) =>
      p.inc({ 'items[_key=="b"].qty': 2 }),
    );
    assert.deepEqual(after.items, [{ _key: 'a', qty: 1 }, { _key: 'b', qty: 7 }]);
  });

  test('autoGenerateArrayKeys gives inserted objects a _key', async () => {
    const before = await fresh({ body: [] });
    const after = await ctx.client.patch(before._id).append('body', [{ _type: 'block', text: 'x' }]).commit({ autoGenerateArrayKeys: true });
    assert.equal(typeof after.body[0]._key, 'string');
    assert.ok(after.body[0]._key.length > 0);
    assert.equal(after.body[0].text, 'x');
  });
});

describe('diffMatchPatch', () => {
  // Patch texts made with the reference diff-match-patch library (patch_make + patch_toText).
  test('applies a textual patch with two hunks', async () => {
    const [, after] = await patched({ text: 'The quick brown fox jumps over the lazy dog' }, (p) =>
      p.diffMatchPatch({ text: '@@ -7,13 +7,11 @@\n ick \n-brown\n+red\n  fox\n@@ -26,16 +26,21 @@\n ver the \n+very \n lazy dog\n' }),
    );
    assert.equal(after.text, 'The quick red fox jumps over the very lazy dog');
  });

  test('decodes URL-encoded non-ASCII text and counts offsets in characters', async () => {
    const [, after] = await patched({ text: 'Grüße, Welt 100%' }, (p) =>
      p.diffMatchPatch({ text: '@@ -1,14 +1,21 @@\n Gr%C3%BC%C3%9Fe,\n+ sch%C3%B6ne\n  Welt 10\n' }),
    );
    assert.equal(after.text, 'Grüße, schöne Welt 100%');
  });

  test('applies where the context matches even when the text before it has grown', async () => {
    const [, after] = await patched({ text: 'Yes: The quick brown fox jumps over the lazy dog' }, (p) =>
      p.diffMatchPatch({ text: '@@ -7,13 +7,11 @@\n ick \n-brown\n+red\n  fox\n@@ -26,16 +26,21 @@\n ver the \n+very \n lazy dog\n' }),
    );
    assert.equal(after.text, 'Yes: The quick red fox jumps over the very lazy dog');
  });
});

describe('patch chains', () => {
  test('one patch with every operation applies them in Sanity order', async () => {
    const [before, after] = await patched(
      { title: 'old', obsolete: true, n: 10, m: 10, tags: ['b'], text: 'The quick brown fox jumps over the lazy dog' },
      (p) =>
        p
          .set({ title: 'new', 'meta.a': 1 })
          .setIfMissing({ title: 'ignored', list: [] })
          .unset(['obsolete'])
          .inc({ n: 5 })
          .dec({ m: 3 })
          .prepend('tags', ['a'])
          .diffMatchPatch({ text: '@@ -7,13 +7,11 @@\n ick \n-brown\n+red\n  fox\n' }),
    );
    assert.deepEqual(userFields(after), {
      title: 'new',
      meta: { a: 1 },
      list: [],
      n: 15,
      m: 7,
      tags: ['a', 'b'],
      text: 'The quick red fox jumps over the lazy dog',
    });
    assert.notEqual(after._rev, before._rev);
  });

  test('several patches of one document in a transaction see each other', async () => {
    const before = await fresh({ n: 1 });
    const answer = await ctx.client
      .transaction()
      .patch(before._id, (p) => p.inc({ n: 1 }))
      .patch(before._id, (p) => p.set({ doubled: true }).inc({ n: 10 }))
      .commit({ returnDocuments: true });
    const stored = await ctx.client.getDocument(before._id);
    assert.equal(stored.n, 12);
    assert.equal(stored.doubled, true);
    assert.deepEqual(answer[answer.length - 1], stored);
  });

  test('a bad path is a 400 and changes nothing', async () => {
    const before = await fresh({ a: 1 });
    await expectClientError(ctx.client.patch(before._id).set({ 'a[': 2 }).commit(), 400);
    await expectClientError(ctx.client.patch(before._id).set({ 'tags[_key==]': 2 }).commit(), 400);
    assert.deepEqual(await ctx.client.getDocument(before._id), before);
  });
});
