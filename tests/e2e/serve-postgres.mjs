// `ledgerline serve --postgres` end to end: the real binary on a throw-away PostgreSQL (run it
// inside tests/support/pg-cluster.sh, which sets LEDGERLINE_TEST_POSTGRES to a fresh cluster):
//   1. `user create` and `token create` with --postgres make an admin (password) and an API token;
//   2. `serve --postgres` starts; the admin logs in with the password (a session cookie that
//      /api/v1/auth/me accepts) and, with the token, makes a product and a bill;
//   3. the server stops cleanly (exit 0) and starts again: the bill is still there, and the
//      password and the token still work;
//   4. `check --postgres` finds no breach and `export --postgres` holds the bill.
// Usage: tests/support/pg-cluster.sh run node tests/e2e/serve-postgres.mjs [--bin build/ledgerline]
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { binaryPath, rawRequest, startServer } from './server-process.mjs';

const args = process.argv.slice(2);
const bin = binaryPath(args.includes('--bin') ? args[args.indexOf('--bin') + 1] : undefined);
const url = process.env.LEDGERLINE_TEST_POSTGRES;
if (!url) {
  console.error('serve-postgres: LEDGERLINE_TEST_POSTGRES is not set (run it inside tests/support/pg-cluster.sh run ...)');
  process.exit(1);
}
const storage = ['--postgres', url];
const password = 'pg-admin-password';

function cli(commandArgs, input) {
  const result = spawnSync(bin, commandArgs, { input, encoding: 'utf8', timeout: 60_000 });
  assert.equal(result.status, 0, `ledgerline ${commandArgs[0]} ${commandArgs[1] ?? ''}: exit ${result.status}\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

async function login(server) {
  const reply = await rawRequest(server, 'POST', '/api/v1/auth/login', {
    auth: false,
    body: JSON.stringify({ email: 'pg-admin@test.invalid', password }),
  });
  assert.equal(reply.status, 200, `login: ${reply.status} ${reply.text}`);
  const cookie = reply.headers.get('set-cookie').split(';')[0];
  const me = await rawRequest(server, 'GET', '/api/v1/auth/me', { auth: false, headers: { cookie } });
  assert.equal(me.status, 200, `me with the session cookie: ${me.status} ${me.text}`);
}

async function bills(server) {
  const query = encodeURIComponent('*[_type == "bill"]{_id, total}');
  const reply = await rawRequest(server, 'GET', server.apiUrl(`/data/query/production?query=${query}`));
  assert.equal(reply.status, 200, `query with the token: ${reply.status} ${reply.text}`);
  return reply.body.result;
}

async function main() {
  const users = cli(['user', 'list', ...storage]);
  assert.equal(users.trim(), '', `the database must be fresh (a throw-away cluster); it has users:\n${users}`);
  cli(['user', 'create', ...storage, '--email', 'pg-admin@test.invalid', '--name', 'PG Admin', '--role', 'admin'], `${password}\n`);
  const customer = cli(['user', 'create', ...storage, '--email', 'pg-customer@test.invalid', '--name', 'PG Customer',
    '--role', 'customer'], 'pg-customer-password\n').split(' ')[1];
  const token = cli(['token', 'create', ...storage, '--user', 'pg-admin@test.invalid', '--label', 'e2e']).trim();
  assert.match(token, /^llt_[0-9a-f]{64}$/);

  let server = await startServer({ bin, storage, token });
  let billId;
  try {
    await login(server);
    const product = await rawRequest(server, 'POST', '/api/v1/products', {
      body: JSON.stringify({ name: 'Oolong', sku: 'PG-1', category: 'Tea', price: 1250, stock: 5, lowStockThreshold: 1, active: true }),
    });
    assert.equal(product.status, 201, `product: ${product.status} ${product.text}`);
    const bill = await rawRequest(server, 'POST', '/api/v1/bills', {
      body: JSON.stringify({ customerId: customer, items: [{ productId: product.body._id, quantity: 2 }] }),
    });
    assert.equal(bill.status, 201, `bill: ${bill.status} ${bill.text}`);
    billId = bill.body._id;
  } finally {
    const stopped = await server.stop();
    assert.equal(stopped.code, 0, `serve --postgres stops cleanly:\n${server.output()}`);
  }

  server = await startServer({ bin, storage, token });
  try {
    const found = await bills(server);
    assert.deepEqual(found.map((b) => b._id), [billId], 'the bill is there after a restart');
    assert.equal(typeof found[0].total, 'number');
    await login(server);
  } finally {
    const stopped = await server.stop();
    assert.equal(stopped.code, 0, `serve --postgres stops cleanly:\n${server.output()}`);
  }

  const check = cli(['check', ...storage]);
  assert.match(check, /no breach/);
  const exported = cli(['export', ...storage]);
  assert.ok(exported.includes(`"_id":"${billId}"`), 'export --postgres holds the bill');
  console.log(`serve-postgres: ok (bill ${billId} kept across a restart; login and token work)`);
}

main().catch((error) => {
  console.error(`FAIL: ${error.stack ?? error}`);
  process.exit(1);
});
