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

// The subcommands `bin --help` lists (CLI11's "Subcommands:" section). Throws when --help fails,
// so a wrong binary is reported instead of being mistaken for one without commands.
export function binaryCommands(bin) {
  const help = spawnSync(bin, ['--help'], { encoding: 'utf8', timeout: 20_000 });
  if (help.error || help.status !== 0) {
    throw new Error(
      `\`${bin} --help\` failed (${help.error ? help.error.message : `exit ${help.status}`}):\n${help.stdout ?? ''}${help.stderr ?? ''}`,
    );
  }
  const commands = new Set();
  let inList = false;
  for (const line of help.stdout.split('\n')) {
    if (/^subcommands:/i.test(line.trim())) inList = true;
    // A command line is indented by two spaces; its description's continuation lines by more.
    else if (inList && /^ {2}[a-z][\w-]*(\s|$)/.test(line)) commands.add(line.trim().split(/\s+/)[0]);
    else if (inList && !/^\s/.test(line) && line.trim() !== '') inList = false;
  }
  return commands;
}

// The token sent to a build without authentication (no `user`/`token` commands): such a server
// accepts any bearer token, and tests that need real credentials skip (server.auth === false).
export const NO_AUTH_TOKEN = 't';

function runCli(bin, args, input) {
  const result = spawnSync(bin, args, { input, encoding: 'utf8', timeout: 20_000 });
  if (result.error || result.status !== 0) {
    throw new Error(
      `\`ledgerline ${args.join(' ')}\` failed (${result.error ? result.error.message : `exit ${result.status}`}); ` +
        `cannot provision the test admin token:\n${result.stdout ?? ''}${result.stderr ?? ''}`,
    );
  }
  return result.stdout;
}

// Creates an admin user and an API token in `dataDir` with the CLI (offline, before `serve`) and
// returns the token. Returns null only when this build has neither a `user` nor a `token`
// command (no authentication yet). Throws, with the command and its output, when the build has
// only one of them, when either command fails, or when `token create` prints no token: a test
// run must never go on with a made-up token while the server checks tokens.
// `dataDir` is a data folder, or the storage arguments themselves (['--postgres', URL]).
export function provisionAdminToken(bin, dataDir) {
  const storage = Array.isArray(dataDir) ? dataDir : ['--data', dataDir];
  const commands = binaryCommands(bin);
  const has = ['user', 'token'].filter((c) => commands.has(c));
  if (has.length === 0) return null;
  if (has.length === 1) {
    throw new Error(`${bin} has a \`${has[0]}\` command but not the other of user/token; cannot provision a token`);
  }
  const email = 'e2e-admin@test.invalid';
  runCli(bin, ['user', 'create', ...storage, '--email', email, '--name', 'E2E Admin', '--role', 'admin'],
    'e2e-admin-password\n');
  const out = runCli(bin, ['token', 'create', ...storage, '--user', email, '--label', 'e2e']);
  // stdout is the token and nothing else (log lines go to stderr), so that
  // TOKEN=$(ledgerline token create ...) works as the README shows.
  const token = out.trim();
  if (!/^llt_[0-9a-f]{64}$/.test(token)) {
    throw new Error(`\`ledgerline token create\` must print the token alone on stdout; it printed:\n${out}`);
  }
  return token;
}

// The bearer token for a server on `dataDir`: $LEDGERLINE_TOKEN when set, else a freshly
// provisioned admin token, else (a build without authentication) NO_AUTH_TOKEN.
// Returns { token, auth } where auth says whether the build has authentication commands.
export function testToken(bin, dataDir) {
  if (process.env.LEDGERLINE_TOKEN) return { token: process.env.LEDGERLINE_TOKEN, auth: binaryCommands(bin).has('token') };
  const token = provisionAdminToken(bin, dataDir);
  return token === null ? { token: NO_AUTH_TOKEN, auth: false } : { token, auth: true };
}

// Starts `ledgerline serve`. Options:
//   dataDir    reuse an existing data dir (kept on stop); default: a fresh temp dir (removed on stop)
//   storage    arguments that choose the storage instead of `--data DIR` (e.g. ['--postgres',
//              url]); no data dir is made, so `token` must be given
//   bin        binary path (default binaryPath())
//   args       extra serve arguments
//   token      bearer token; default: testToken() ($LEDGERLINE_TOKEN, a provisioned admin token,
//              or NO_AUTH_TOKEN for a build without authentication)
//   auth       whether the server checks tokens (default: what testToken() found; with an
//              explicit `token`, whether the binary has user/token commands)
// Resolves to a server handle: { url, port, dataDir, token, auth, child, output(), apiUrl(path),
// stop(), kill(signal), exited }.
export async function startServer(options = {}) {
  const bin = options.bin ?? binaryPath();
  if (!existsSync(bin)) throw new Error(`ledgerline binary not found at ${bin} (set LEDGERLINE_BIN)`);
  const ownsDataDir = !options.dataDir && !options.storage;
  const dataDir = options.storage ? null : (options.dataDir ?? makeTempDataDir());
  let token = options.token;
  let auth = options.auth;
  if (options.storage && token === undefined) throw new Error('startServer: `storage` needs a `token`');
  if (token === undefined) ({ token, auth } = testToken(bin, dataDir));
  if (auth === undefined) auth = binaryCommands(bin).has('token');

  const storage = options.storage ?? ['--data', dataDir];
  const child = spawn(bin, ['serve', ...storage, '--host', '127.0.0.1', '--port', '0', ...(options.args ?? [])], {
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
    auth,
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
