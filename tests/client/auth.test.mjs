// Identity and access through the real binary: the user/token commands, the demo logins that
// --seed-demo creates, login with the session cookie, the customer's read rule through
// @sanity/client, rate limiting, and that the server's log never shows a secret.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { binaryPath, clientFor, makeTempDataDir, rawRequest, startServer } from './harness.mjs';

const bin = binaryPath();

function cli(args, input) {
  return spawnSync(bin, args, { input, encoding: 'utf8', timeout: 30_000 });
}

async function login(server, email, password) {
  const response = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = await response.json();
  const setCookie = response.headers.get('set-cookie') ?? '';
  return { status: response.status, body, setCookie, cookie: setCookie.split(';')[0], headers: response.headers };
}

describe('user and token commands', () => {
  const dataDir = makeTempDataDir('ledgerline-auth-cli-');

  test('every command has --help', () => {
    for (const command of ['user', 'token']) {
      const result = cli([command, '--help']);
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /create/);
    }
    for (const args of [['user', 'create'], ['user', 'list'], ['user', 'disable'], ['user', 'set-role'], ['token', 'create'], ['token', 'list'], ['token', 'revoke']]) {
      const result = cli([...args, '--help']);
      assert.equal(result.status, 0, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stdout, /--data/);
    }
  });

  test('bad arguments give one line and exit 2', () => {
    const noRole = cli(['user', 'create', '--data', dataDir, '--email', 'x@y.z', '--name', 'X'], 'pw-pw\n');
    assert.equal(noRole.status, 2);
    const badRole = cli(['user', 'create', '--data', dataDir, '--email', 'x@y.z', '--name', 'X', '--role', 'boss'], 'pw-pw\n');
    assert.equal(badRole.status, 2);
    assert.match(badRole.stderr, /--role/);
    assert.equal(badRole.stderr.trim().split('\n').length, 1);
    const badEmail = cli(['user', 'create', '--data', dataDir, '--email', 'nope', '--name', 'X', '--role', 'admin'], 'pw-pw\n');
    assert.equal(badEmail.status, 2);
    assert.match(badEmail.stderr, /email/);
    const noPasswordArgument = cli(['user', 'create', '--data', dataDir, '--email', 'x@y.z', '--name', 'X', '--role', 'admin', '--password', 'pw']);
    assert.equal(noPasswordArgument.status, 2, 'a password argument must not be accepted');
  });

  test('create, list, token create/list/revoke, disable, set-role', () => {
    const passwordFile = join(dataDir, 'pw.txt');
    writeFileSync(passwordFile, 'file-password\n');
    const created = cli(['user', 'create', '--data', dataDir, '--email', 'Ops@Example.test', '--name', 'Ops', '--role', 'admin', '--password-file', passwordFile]);
    assert.equal(created.status, 0, created.stderr);
    const again = cli(['user', 'create', '--data', dataDir, '--email', 'ops@example.test', '--name', 'Ops', '--role', 'admin'], 'pw-pw\n');
    assert.equal(again.status, 1);
    assert.match(again.stderr, /exists/);
    const listed = cli(['user', 'list', '--data', dataDir]);
    assert.match(listed.stdout, /ops@example\.test\tadmin\tactive\tOps/);

    const token = cli(['token', 'create', '--data', dataDir, '--user', 'ops@example.test', '--label', 'ci']);
    assert.equal(token.status, 0, token.stderr);
    const secret = token.stdout.trim().split('\n').pop();
    assert.match(secret, /^llt_[0-9a-f]{64}$/);
    const tokens = cli(['token', 'list', '--data', dataDir]);
    assert.match(tokens.stdout, /\tci\t/);
    assert.ok(!tokens.stdout.includes(secret), 'token list must not show the secret');
    const id = tokens.stdout.split('\n').find((line) => line.startsWith('tok-')).split('\t')[0];
    assert.equal(cli(['token', 'revoke', '--data', dataDir, '--id', id]).status, 0);
    assert.match(cli(['token', 'list', '--data', dataDir]).stdout, /revoked/);
    assert.equal(cli(['token', 'revoke', '--data', dataDir, '--id', 'tok-nope']).status, 1);

    assert.equal(cli(['user', 'set-role', '--data', dataDir, '--email', 'ops@example.test', '--role', 'customer']).status, 0);
    assert.equal(cli(['user', 'disable', '--data', dataDir, '--email', 'ops@example.test']).status, 0);
    assert.match(cli(['user', 'list', '--data', dataDir]).stdout, /ops@example\.test\tcustomer\tdisabled/);
  });
});

describe('a served demo shop', () => {
  let server;
  before(async () => {
    // A fresh folder (no provisioned admin, so --seed-demo runs); the demo admin logs in with the
    // cookie and makes the API token the other tests use — a cookie write with CSRF header.
    server = await startServer({ args: ['--seed-demo'], token: 'none-yet' });
    const admin = await login(server, 'admin@demo.test', 'admin');
    assert.equal(admin.status, 200, JSON.stringify(admin.body));
    const created = await fetch(`${server.url}/api/v1/tokens`, {
      method: 'POST',
      headers: { cookie: admin.cookie, origin: server.url, 'x-csrf-token': admin.body.token, 'content-type': 'application/json' },
      body: JSON.stringify({ label: 'tests' }),
    });
    assert.equal(created.status, 201);
    server.token = (await created.json()).token;
  });
  after(async () => {
    if (server) assert.deepEqual(await server.stop(), { code: 0, signal: null });
  });

  test('serve prints the demo logins', () => {
    for (const login of ['admin@demo.test / admin', 'alice@demo.test / alice', 'bob@demo.test / bob']) {
      assert.ok(server.output().includes(login), `missing "${login}" in:\n${server.output()}`);
    }
  });

  test('anonymous callers get 401 everywhere but /health and login', async () => {
    assert.equal((await rawRequest(server, 'GET', '/health', { auth: false })).status, 200);
    for (const [method, path] of [
      ['GET', '/v2025-02-19/data/query/production?query=*'],
      ['GET', '/v2025-02-19/data/doc/production/product-001'],
      ['GET', '/v2025-02-19/data/export/production'],
      ['POST', '/v2025-02-19/data/mutate/production'],
      ['GET', '/api/v1/auth/me'],
      ['GET', '/api/v1/users'],
    ]) {
      const response = await rawRequest(server, method, path, { auth: false, body: method === 'POST' ? '{}' : undefined });
      assert.equal(response.status, 401, `${method} ${path}: ${response.text}`);
      assert.equal(typeof response.body.error.description, 'string');
    }
  });

  test('alice logs in with the cookie and reads only what a customer may', async () => {
    const alice = await login(server, 'alice@demo.test', 'alice');
    assert.equal(alice.status, 200, JSON.stringify(alice.body));
    assert.match(alice.setCookie, /HttpOnly/);
    assert.match(alice.setCookie, /SameSite=Lax/);
    assert.equal(alice.body.user.email, 'alice@demo.test');
    const query = encodeURIComponent('*[_type == "user"].email');
    const users = await rawRequest(server, 'GET', `/v2025-02-19/data/query/production?query=${query}`, {
      auth: false,
      headers: { cookie: alice.cookie },
    });
    assert.deepEqual(users.body.result, ['alice@demo.test']);
    const mutate = await rawRequest(server, 'POST', '/v2025-02-19/data/mutate/production', {
      auth: false,
      headers: { cookie: alice.cookie, origin: server.url, 'x-csrf-token': alice.body.token },
      body: JSON.stringify({ mutations: [{ create: { _type: 'product', name: 'free' } }] }),
    });
    assert.equal(mutate.status, 403);
  });

  test('a customer token works with @sanity/client and its reads follow the rule', async () => {
    const admin = clientFor(server);
    const created = await rawRequest(server, 'POST', '/api/v1/tokens', {
      body: JSON.stringify({ userId: (await admin.fetch('*[_type == "user" && email == "bob@demo.test"][0]._id')), label: 'bob-script' }),
    });
    assert.equal(created.status, 201, created.text);
    const bob = clientFor(server, { token: created.body.token });
    assert.deepEqual(await bob.fetch('*[_type == "user"].email'), ['bob@demo.test']);
    assert.equal(await bob.fetch('count(*[_type == "product" && active == false])'), 0);
    await assert.rejects(bob.create({ _type: 'product', name: 'x' }), (error) => error.statusCode === 403);
    // Revoked: the next request is refused.
    const revoked = await rawRequest(server, 'POST', `/api/v1/tokens/${created.body.id}/revoke`);
    assert.equal(revoked.status, 200);
    await assert.rejects(bob.fetch('count(*)'), (error) => error.statusCode === 401);
  });

  test('repeated wrong passwords get 429 with Retry-After', async () => {
    let last;
    for (let i = 0; i < 6; i += 1) last = await login(server, 'bob@demo.test', 'wrong-pw-xyz');
    assert.equal(last.status, 429);
    assert.ok(Number(last.headers.get('retry-after')) >= 1);
  });

  test('the log shows no password, token or session secret', async () => {
    const admin = await login(server, 'admin@demo.test', 'admin');
    assert.equal(admin.status, 200);
    const secret = admin.cookie.split('=')[1];
    const output = server.output();
    // (The demo passwords are printed on purpose.)
    for (const needle of [secret, server.token, 'wrong-pw-xyz', '$argon2', 'llt_']) {
      assert.ok(!output.includes(needle), `server output contains ${needle}`);
    }
  });
});
