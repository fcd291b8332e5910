// Shared helpers for the @sanity/client tests: one server per test file, system-field checks,
// and error expectations that look at the fields users rely on (statusCode, details).
import assert from 'node:assert/strict';
import { after, before } from 'node:test';

import { rawRequest, startServer } from './harness.mjs';

export const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/;
const SYSTEM_FIELDS = ['_id', '_type', '_rev', '_createdAt', '_updatedAt'];

// Starts one server for the enclosing test file and stops it (expecting exit 0) afterwards.
// Returns a context whose `server` and `client` are set once `before` has run; `setup(context)`
// (optional) runs right after the start, e.g. to seed documents. (Use this instead of a second
// root-level before(): node 20 does not run root hooks strictly one after the other.)
export function useServer({ setup, ...options } = {}) {
  const context = {};
  before(async () => {
    context.server = await startServer(options);
    context.client = context.server.client();
    if (setup) await setup(context);
  });
  after(async () => {
    if (!context.server) return;
    const exit = await context.server.stop();
    assert.deepEqual(exit, { code: 0, signal: null }, `server should exit 0 on SIGTERM:\n${context.server.output()}`);
  });
  return context;
}

// The user's fields of a document (everything but the five system fields).
export function userFields(doc) {
  const copy = { ...doc };
  for (const field of SYSTEM_FIELDS) delete copy[field];
  return copy;
}

// Checks that the system fields are present and well formed.
export function assertSystemFields(doc, { id, type } = {}) {
  assert.ok(doc && typeof doc === 'object', `expected a document, got ${JSON.stringify(doc)}`);
  assert.equal(typeof doc._id, 'string');
  assert.ok(doc._id.length > 0, '_id is empty');
  if (id !== undefined) assert.equal(doc._id, id);
  if (type !== undefined) assert.equal(doc._type, type);
  assert.equal(typeof doc._rev, 'string');
  assert.ok(doc._rev.length > 0, '_rev is empty');
  assert.match(doc._createdAt, ISO_UTC, '_createdAt is not ISO-8601 UTC');
  assert.match(doc._updatedAt, ISO_UTC, '_updatedAt is not ISO-8601 UTC');
  assert.ok(Date.parse(doc._updatedAt) >= Date.parse(doc._createdAt), '_updatedAt before _createdAt');
}

// Asserts that `promise` rejects with a @sanity/client error of `status`; returns the error.
export async function expectClientError(promise, status) {
  let error;
  try {
    const value = await promise;
    assert.fail(`expected HTTP ${status}, but the call succeeded with ${JSON.stringify(value)}`);
  } catch (caught) {
    if (caught instanceof assert.AssertionError) throw caught;
    error = caught;
  }
  assert.equal(error.statusCode, status, `expected HTTP ${status}, got ${error.statusCode}: ${error.message}`);
  assert.equal(typeof error.message, 'string');
  assert.ok(error.message.length > 0, 'error message is empty');
  return error;
}

// Asserts a Sanity mutationError (status, details.type, items) and returns err.details.
export async function expectMutationError(promise, status) {
  const error = await expectClientError(promise, status);
  assert.ok(error.details, `no error details: ${error.message}`);
  assert.equal(error.details.type, 'mutationError');
  assert.equal(typeof error.details.description, 'string');
  assert.ok(error.message.startsWith(error.details.description), 'message should start with the description');
  assert.ok(Array.isArray(error.details.items) && error.details.items.length > 0, 'mutationError without items');
  for (const item of error.details.items) {
    assert.equal(typeof item.index, 'number');
    assert.equal(typeof item.error?.description, 'string');
    assert.equal(typeof item.error?.type, 'string');
  }
  return error.details;
}

// The whole dataset as one sorted array, to prove that a failed request changed nothing.
export async function datasetSnapshot(client) {
  return client.fetch('* | order(_id asc)', {}, { perspective: 'raw' });
}

// GET /health must still answer 200 {"status":"ok"}.
export async function assertHealthy(server) {
  const health = await rawRequest(server, 'GET', '/health', { auth: false });
  assert.equal(health.status, 200, `health check failed: ${health.text}`);
  assert.deepEqual(health.body, { status: 'ok' });
}

export const sleep = (ms) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
