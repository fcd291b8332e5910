// client.listen() with the real @sanity/client against the real binary: transitions, result and
// previous revisions, mutations, transactions, params, bad filters; plus the raw SSE stream
// (retry:, id:, Last-Event-ID resume with welcomeback, reset) that the client does not expose.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { describe, test } from 'node:test';

import { openStream as openSse } from '../e2e/sse.mjs';
import { useServer } from './assertions.mjs';
import { API_VERSION, binaryPath, clientFor, startServer } from './harness.mjs';

const ctx = useServer();
const TIMEOUT_MS = 10_000;
let counter = 0;
const unique = (prefix) => `${prefix}-${Date.now().toString(36)}-${(counter += 1)}`;

// Subscribes to client.listen() and records every event; resolves once `welcome` arrived, so
// later commits are guaranteed to be seen.
async function listen(query, params = {}, options = {}) {
  const events = [];
  const waiters = [];
  let failure;
  const check = () => {
    for (const waiter of [...waiters]) {
      if (failure) waiter.reject(failure);
      else if (waiter.predicate(events)) waiter.resolve(events.slice());
      else continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      clearTimeout(waiter.timer);
    }
  };
  const subscription = ctx.client
    .listen(query, params, { events: ['welcome', 'mutation'], ...options })
    .subscribe({
      next: (event) => {
        events.push(event);
        check();
      },
      error: (error) => {
        failure = error;
        check();
      },
    });
  const until = (predicate, what = 'events') =>
    new Promise((resolve, reject) => {
      const waiter = { predicate, resolve, reject };
      waiter.timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(events, null, 1)}`));
      }, TIMEOUT_MS);
      waiters.push(waiter);
      check();
    });
  const mutations = () => events.filter((event) => event.type === 'mutation');
  const listener = {
    events,
    mutations,
    until,
    untilMutations: (n) => until(() => mutations().length >= n, `${n} mutation events`).then(mutations),
    error: () => until(() => false, 'an error').catch((error) => error),
    close: () => subscription.unsubscribe(),
  };
  await until((all) => all.some((event) => event.type === 'welcome'), 'welcome');
  return listener;
}

describe('client.listen', () => {
  test('appear, update and disappear follow the filter', async () => {
    const type = unique('post');
    const listener = await listen(`*[_type == "${type}" && published == true]`);
    const id = unique('doc');
    await ctx.client.create({ _id: id, _type: type, published: false, title: 'a' });
    await ctx.client.patch(id).set({ published: true }).commit();
    await ctx.client.patch(id).set({ title: 'b' }).commit();
    await ctx.client.patch(id).set({ published: false }).commit();
    await ctx.client.create({ _id: `${id}-2`, _type: type, published: true });
    await ctx.client.delete(`${id}-2`);
    const events = await listener.untilMutations(5);
    listener.close();
    assert.deepEqual(
      events.map((event) => [event.documentId, event.transition]),
      [
        [id, 'appear'],
        [id, 'update'],
        [id, 'disappear'],
        [`${id}-2`, 'appear'],
        [`${id}-2`, 'disappear'],
      ],
    );
    const [appear, update] = events;
    assert.equal(appear.result.title, 'a');  // includeResult is on by default
    assert.equal(update.result.title, 'b');
    assert.equal(update.previousRev, appear.resultRev);
    assert.equal(update.eventId, `${update.transactionId}#${id}`);
    assert.equal(update.visibility, 'query');
    assert.ok(Array.isArray(update.mutations) && update.mutations.length === 1);
    assert.ok(!Number.isNaN(Date.parse(update.timestamp)));
    assert.equal(events[4].result, undefined);  // deleted
  });

  test('includePreviousRevision adds previous; includeResult:false drops result', async () => {
    const type = unique('rev');
    const full = await listen(`*[_type == "${type}"]`, {}, { includePreviousRevision: true });
    const lean = await listen(`*[_type == "${type}"]`, {}, { includeResult: false, includeMutations: false });
    const id = unique('doc');
    await ctx.client.create({ _id: id, _type: type, n: 1 });
    await ctx.client.patch(id).inc({ n: 1 }).commit();
    const [created, incremented] = await full.untilMutations(2);
    const leanEvents = await lean.untilMutations(2);
    full.close();
    lean.close();
    assert.equal(created.previous, null);
    assert.equal(created.result.n, 1);
    assert.equal(incremented.previous.n, 1);
    assert.equal(incremented.result.n, 2);
    for (const event of leanEvents) {
      assert.equal(event.result, undefined);
      assert.equal(event.previous, undefined);
      assert.equal(event.mutations, undefined);
      assert.ok(event.resultRev);
    }
  });

  test('two listeners with different filters each see only their documents', async () => {
    const type = unique('two');
    const red = await listen(`*[_type == "${type}" && color == "red"]`);
    const blue = await listen(`*[_type == "${type}" && color == "blue"]`);
    await ctx.client
      .transaction()
      .create({ _id: unique('r'), _type: type, color: 'red' })
      .create({ _id: unique('b'), _type: type, color: 'blue' })
      .create({ _id: unique('g'), _type: type, color: 'green' })
      .commit();
    const [redEvent] = await red.untilMutations(1);
    const [blueEvent] = await blue.untilMutations(1);
    await ctx.client.create({ _id: unique('r'), _type: type, color: 'red' });
    await red.untilMutations(2);
    red.close();
    blue.close();
    assert.equal(redEvent.result.color, 'red');
    assert.equal(blueEvent.result.color, 'blue');
    assert.equal(redEvent.transactionTotalEvents, 1);
    assert.equal(blue.mutations().length, 1);
  });

  test('events of one transaction arrive together and in order', async () => {
    const type = unique('txn');
    const listener = await listen(`*[_type == "${type}"]`);
    const ids = [unique('a'), unique('b'), unique('c')];
    const result = await ctx.client
      .transaction()
      .create({ _id: ids[0], _type: type })
      .create({ _id: unique('other'), _type: 'somethingElse' })
      .create({ _id: ids[1], _type: type })
      .create({ _id: ids[2], _type: type })
      .commit();
    const events = await listener.untilMutations(3);
    listener.close();
    assert.deepEqual(events.map((event) => event.documentId), ids);
    for (const [index, event] of events.entries()) {
      assert.equal(event.transactionId, result.transactionId);
      assert.equal(event.transactionTotalEvents, 3);
      assert.equal(event.transactionCurrentEvent, index + 1);
    }
  });

  test('parameters are bound into the filter', async () => {
    const type = unique('param');
    const listener = await listen('*[_type == $type && price >= $min && tag in $tags]', {
      type,
      min: 10,
      tags: ['x', 'y'],
    });
    await ctx.client.create({ _id: unique('cheap'), _type: type, price: 5, tag: 'x' });
    await ctx.client.create({ _id: unique('wrongtag'), _type: type, price: 50, tag: 'z' });
    const match = unique('match');
    await ctx.client.create({ _id: match, _type: type, price: 50, tag: 'y' });
    const [event] = await listener.untilMutations(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    listener.close();
    assert.equal(event.documentId, match);
    assert.equal(listener.mutations().length, 1);
  });

  test('a bad filter fails the subscription with a ChannelError and its message', async () => {
    const error = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no error')), TIMEOUT_MS);
      ctx.client.listen('*[_type == ').subscribe({
        next: () => {},
        error: (caught) => {
          clearTimeout(timer);
          resolve(caught);
        },
      });
    });
    assert.equal(error.name, 'ChannelError');
    assert.ok(error.message.length > 0, 'empty message');
    assert.match(error.message, /GROQ query parse error|unexpected|expected/i);
  });
});

// --- The raw stream: what EventSource sees ---

// Opens the SSE stream with fetch (tests/e2e/sse.mjs); returns { status, headers, events,
// until(predicate), close() }.
async function openStream(query, { lastEventId, params = {}, extra = '' } = {}) {
  const search = new URLSearchParams({ query, includeResult: 'true' });
  for (const [name, value] of Object.entries(params)) search.set(`$${name}`, JSON.stringify(value));
  const url = `${ctx.server.url}/v${API_VERSION}/data/listen/production?${search}${extra}`;
  const stream = await openSse(url, ctx.server.token, { lastEventId });
  return { ...stream, until: (predicate) => stream.until(predicate, TIMEOUT_MS).then((events) => events.slice()) };
}

describe('listen stream', () => {
  test('starts with retry and welcome; mutation events carry an SSE id', async () => {
    const type = unique('raw');
    const stream = await openStream(`*[_type == "${type}"]`);
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get('content-type'), /text\/event-stream/);
    const [welcome] = await stream.until((events) => events.length >= 1);
    assert.equal(welcome.event, 'welcome');
    assert.ok(welcome.retry > 0, 'no retry: field');
    assert.equal(typeof welcome.data.listenerName, 'string');
    const id = unique('d');
    const created = await ctx.client.create({ _id: id, _type: type });
    const events = await stream.until((all) => all.length >= 2);
    await stream.close();
    assert.equal(events[1].event, 'mutation');
    assert.equal(events[1].id, `${events[1].data.transactionId}#${id}`);
    assert.equal(events[1].data.resultRev, created._rev);
  });

  test('Last-Event-ID resumes with welcomeback and replays exactly what was missed', async () => {
    const type = unique('resume');
    const first = await openStream(`*[_type == "${type}"]`);
    await first.until((events) => events.length >= 1);
    const a = unique('a');
    await ctx.client.create({ _id: a, _type: type });
    const seen = await first.until((events) => events.length >= 2);
    await first.close();
    const lastId = seen[1].id;

    const missed = [unique('b'), unique('c')];
    await ctx.client.create({ _id: missed[0], _type: type });
    await ctx.client.create({ _id: unique('x'), _type: 'notThisType' });
    await ctx.client.patch(a).set({ n: 1 }).commit();
    await ctx.client.create({ _id: missed[1], _type: type });

    const second = await openStream(`*[_type == "${type}"]`, { lastEventId: lastId, extra: '&enableResume=true' });
    const events = await second.until((all) => all.length >= 4);
    const live = unique('live');
    await ctx.client.create({ _id: live, _type: type });
    const all = await second.until((list) => list.length >= 5);
    await second.close();
    assert.equal(events[0].event, 'welcomeback');
    assert.deepEqual(
      all.slice(1).map((event) => [event.data.documentId, event.data.transition]),
      [
        [missed[0], 'appear'],
        [a, 'update'],
        [missed[1], 'appear'],
        [live, 'appear'],
      ],
    );
  });

  test('an unknown Last-Event-ID gets reset, then live events', async () => {
    const type = unique('reset');
    const stream = await openStream(`*[_type == "${type}"]`, { lastEventId: 'nope#nothing' });
    await stream.until((events) => events.some((event) => event.event === 'reset'));
    const id = unique('d');
    await ctx.client.create({ _id: id, _type: type });
    const events = await stream.until((all) => all.some((event) => event.event === 'mutation'));
    await stream.close();
    assert.deepEqual(
      events.map((event) => event.event),
      ['welcome', 'reset', 'mutation'],
    );
  });

  test('a bad $param is a channelError event', async () => {
    const url = `${ctx.server.url}/v${API_VERSION}/data/listen/production?query=*&%24p=not-json`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${ctx.server.token}` } });
    const text = await response.text();
    assert.equal(response.status, 200);
    assert.match(text, /^event: channelError\ndata: \{.*"message":/m);
  });
});

// Starts `serve` on a given port over an existing data dir (the harness always asks for --port 0).
async function serveOnPort(dataDir, port) {
  const child = spawn(binaryPath(), ['serve', '--data', dataDir, '--host', '127.0.0.1', '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening on" within 20 s:\n${log}`)), 20_000);
    const onData = (chunk) => {
      log += chunk;
      if (log.includes('listening on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${log}`)));
  });
  return {
    stop: () =>
      new Promise((resolve) => {
        child.on('exit', (code, signal) => resolve({ code, signal }));
        child.kill('SIGTERM');
      }),
  };
}

describe('resume through @sanity/client', () => {
  test('a listener survives a server restart: every event exactly once, in order', async () => {
    const first = await startServer({ keepData: true });
    const { dataDir, port, token } = first;
    const server = { url: first.url, token };
    const client = clientFor(server);
    const type = unique('restart');
    const events = [];
    let failure;
    const subscription = client
      .listen(`*[_type == "${type}"]`, {}, { enableResume: true, events: ['welcome', 'welcomeback', 'mutation', 'reconnect'] })
      .subscribe({ next: (event) => events.push(event), error: (error) => (failure = error) });
    const waitFor = async (predicate, what) => {
      const deadline = Date.now() + TIMEOUT_MS;
      while (!predicate()) {
        if (failure) throw failure;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(events)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const mutationIds = () => events.filter((event) => event.type === 'mutation').map((event) => event.documentId);
    let second;
    try {
      await waitFor(() => events.some((event) => event.type === 'welcome'), 'welcome');
      await client.create({ _id: 'before', _type: type });
      await waitFor(() => mutationIds().length === 1, 'the first event');
      assert.deepEqual(await first.stop(), { code: 0, signal: null });
      await waitFor(() => events.some((event) => event.type === 'reconnect'), 'reconnect');

      second = await serveOnPort(dataDir, port);
      await client.create({ _id: 'during-1', _type: type });
      await client.create({ _id: 'other', _type: 'notListened' });
      await client.create({ _id: 'during-2', _type: type });
      await waitFor(() => events.some((event) => event.type === 'welcomeback'), 'welcomeback');
      await client.create({ _id: 'after', _type: type });
      await waitFor(() => mutationIds().length >= 4, 'four events');
      await new Promise((resolve) => setTimeout(resolve, 200));  // a duplicate would show by now
      assert.deepEqual(mutationIds(), ['before', 'during-1', 'during-2', 'after']);
    } finally {
      subscription.unsubscribe();
      if (second) assert.deepEqual(await second.stop(), { code: 0, signal: null });
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('resume over HTTP under load', () => {
  test('a stream cut 50 times while 10,000 transactions commit gets every event exactly once', async () => {
    const type = unique('cuts');
    const documents = 200;
    const transactions = 10_000;
    const expected = new Set();
    let committed = 0;
    let failedCommits = 0;
    // The first stream is registered before the writer starts, so every commit is owed to it.
    const first = await openStream(`*[_type == "${type}"]`, { extra: '&enableResume=true' });
    await first.until((events) => events.some((event) => event.event === 'welcome'));
    const writer = (async () => {
      let next = 0;
      const worker = async () => {
        while (next < transactions) {
          const i = next++;
          // One or two documents per transaction, so cuts also land inside transactions.
          const ids = [`${type}-${i % documents}`];
          if (i % 3 === 0) ids.push(`${type}-${(i + 7) % documents}`);
          try {
            const result = await ctx.client.mutate(
              ids.map((id) => ({ createOrReplace: { _id: id, _type: type, i } })),
              { returnDocuments: false },
            );
            for (const id of ids) expected.add(`${result.transactionId}#${id}`);
            committed++;
          } catch {
            failedCommits++;
          }
        }
      };
      await Promise.all(Array.from({ length: 32 }, worker));
    })();

    const received = [];
    let lastId;
    let resets = 0;
    for (let cut = 0; cut < 50; cut++) {
      const stream = cut === 0
        ? first
        : await openStream(`*[_type == "${type}"]`, { lastEventId: lastId, extra: '&enableResume=true' });
      // Spread over the whole commit run (about as long as 50 x 300 ms here).
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 600));
      await stream.close();  // bytes in flight are lost, as on a real disconnect
      for (const event of stream.events) {
        if (event.id) lastId = event.id;
        if (event.event === 'reset') resets++;
        if (event.event === 'mutation') received.push(event.data);
      }
    }
    await writer;
    const final = await openStream(`*[_type == "${type}"]`, { lastEventId: lastId, extra: '&enableResume=true' });
    await final.until(() => received.length + final.events.filter((e) => e.event === 'mutation').length >= expected.size);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await final.close();
    for (const event of final.events) if (event.event === 'mutation') received.push(event.data);

    assert.equal(failedCommits, 0);
    assert.equal(committed, transactions);
    assert.equal(resets, 0);
    const ids = received.map((event) => event.eventId);
    assert.equal(new Set(ids).size, ids.length, 'an event arrived twice');
    assert.equal(ids.length, expected.size, 'events missing');
    for (const id of ids) assert.ok(expected.has(id), `unexpected event ${id}`);
    // Commit order per document: each event continues the previous revision.
    const lastRev = new Map();
    for (const event of received) {
      if (lastRev.has(event.documentId)) assert.equal(event.previousRev, lastRev.get(event.documentId));
      lastRev.set(event.documentId, event.resultRev);
    }
  });
});

describe('browser friendliness', () => {
  test('the stream answers CORS for an allowed origin, unbuffered and kept alive', async () => {
    const server = await startServer({ args: ['--cors-origin', 'http://app.example'] });
    try {
      const controller = new AbortController();
      const response = await fetch(`${server.url}/v${API_VERSION}/data/listen/production?query=*%5Btrue%5D`, {
        headers: { origin: 'http://app.example', accept: 'text/event-stream', authorization: `Bearer ${server.token}` },
        signal: controller.signal,
      });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('access-control-allow-origin'), 'http://app.example');
      assert.match(response.headers.get('content-type'), /text\/event-stream/);
      assert.equal(response.headers.get('cache-control'), 'no-cache');
      assert.equal(response.headers.get('x-accel-buffering'), 'no');
      const reader = response.body.getReader();
      const { value } = await reader.read();
      assert.match(new TextDecoder().decode(value), /event: welcome/);
      controller.abort();
    } finally {
      assert.deepEqual(await server.stop(), { code: 0, signal: null });
    }
  });
});
