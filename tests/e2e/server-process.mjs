// Starts and stops the real `ledgerline` binary for end-to-end tests: a fresh temp data dir, a
// free loopback port (`--port 0`; the port is read from the `listening on` line), a clean stop
// (SIGTERM; callers check exit code 0) or a hard kill. Node builtins only, so tests/e2e needs no
// npm install; tests/client/harness.mjs adds a configured @sanity/client on top.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const API_VERSION = '2025-02-19';
export const DATASET = 'production';

const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;
const LISTENING_LINE = /listening on (http:\/\/([^\s:]+):(\d+))/;

// The binary under test: $LEDGERLINE_BIN (absolute, or relative to the cwd or the repo root),
// else build/ledgerline in the repo.
export function binaryPath(explicit = process.env.LEDGERLINE_BIN) {
  if (!explicit) return join(REPO_ROOT, 'build', 'ledgerline');
  if (isAbsolute(explicit)) return explicit;
  const fromCwd = resolve(process.cwd(), explicit);
  return existsSync(fromCwd) ? fromCwd : resolve(REPO_ROOT, explicit);
}

export function makeTempDataDir(prefix = 'ledgerline-test-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

// Creates an admin user and an API token in `dataDir` with the CLI (offline, before `serve`).
// Returns the token, or null when this build has no `user`/`token` commands yet (then the
// caller falls back to $LEDGERLINE_TOKEN or 't').
export function provisionAdminToken(bin, dataDir) {
  const email = 'e2e-admin@test.invalid';
  const user = spawnSync(
    bin,
    ['user', 'create', '--data', dataDir, '--email', email, '--name', 'E2E Admin', '--role', 'admin'],
    { input: 'e2e-admin-password\n', encoding: 'utf8', timeout: 20_000 },
  );
  if (user.status !== 0) return null;
  const token = spawnSync(bin, ['token', 'create', '--data', dataDir, '--user', email, '--label', 'e2e'], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (token.status !== 0) return null;
  const lines = token.stdout.trim().split('\n').filter(Boolean);
  return lines.length ? lines[lines.length - 1].trim().split(/\s+/).pop() : null;
}

// Starts `ledgerline serve`. Options:
//   dataDir    reuse an existing data dir (kept on stop); default: a fresh temp dir (removed on stop)
//   bin        binary path (default binaryPath())
//   args       extra serve arguments
//   token      bearer token; default: a provisioned admin token, $LEDGERLINE_TOKEN, or 't'
// Resolves to a server handle: { url, port, dataDir, token, child, output(), apiUrl(path),
// stop(), kill(signal), exited }.
export async function startServer(options = {}) {
  const bin = options.bin ?? binaryPath();
  if (!existsSync(bin)) throw new Error(`ledgerline binary not found at ${bin} (set LEDGERLINE_BIN)`);
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? makeTempDataDir();
  let token = options.token ?? process.env.LEDGERLINE_TOKEN;
  if (!token) token = (options.provisionToken !== false && provisionAdminToken(bin, dataDir)) || 't';

  const child = spawn(bin, ['serve', '--data', dataDir, '--host', '127.0.0.1', '--port', '0', ...(options.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise((resolveExit) => {
    child.on('exit', (code, signal) => resolveExit({ code, signal }));
  });

  const url = await new Promise((resolveUrl, rejectUrl) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectUrl(new Error(`server did not print "listening on" within ${START_TIMEOUT_MS} ms:\n${log}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk) => {
      log += chunk.toString();
      const match = LISTENING_LINE.exec(log);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (err) => {
      clearTimeout(timer);
      rejectUrl(err);
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      rejectUrl(new Error(`server exited before listening (code ${code}, signal ${signal}):\n${log}`));
    });
  });
  const port = Number(new URL(url).port);

  let stopped = false;
  const cleanup = () => {
    if (ownsDataDir && !options.keepData) rmSync(dataDir, { recursive: true, force: true });
  };

  return {
    url,
    port,
    dataDir,
    token,
    child,
    exited,
    output: () => log,
    apiUrl: (path) => `${url}/v${API_VERSION}${path}`,
    // SIGTERM and wait; resolves to { code, signal }. Throws when the server does not stop in time.
    async stop() {
      if (stopped) return exited;
      stopped = true;
      child.kill('SIGTERM');
      const timeout = new Promise((_, rejectStop) =>
        setTimeout(() => {
          child.kill('SIGKILL');
          rejectStop(new Error(`server did not exit within ${STOP_TIMEOUT_MS} ms of SIGTERM:\n${log}`));
        }, STOP_TIMEOUT_MS).unref(),
      );
      try {
        return await Promise.race([exited, timeout]);
      } finally {
        cleanup();
      }
    },
    // Sends `signal` (default SIGKILL) and waits for the process to go away; the data dir is kept.
    async kill(signal = 'SIGKILL') {
      stopped = true;
      child.kill(signal);
      return exited;
    },
  };
}

// Raw HTTP helper for requests the client would never send. Returns { status, headers, body,
// text } with body = parsed JSON or undefined.
export async function rawRequest(server, method, path, { body, headers = {}, auth = true } = {}) {
  const allHeaders = { ...headers };
  if (auth) allHeaders.authorization = `Bearer ${server.token}`;
  if (body !== undefined && !('content-type' in allHeaders)) allHeaders['content-type'] = 'application/json';
  const response = await fetch(path.startsWith('http') ? path : server.url + path, {
    method,
    headers: allHeaders,
    body,
  });
  const text = await response.text();
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, body: parsed, text };
}
