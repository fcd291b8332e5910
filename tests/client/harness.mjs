// Test harness for tests/client: starts the real `ledgerline` binary (see
// ../e2e/server-process.mjs) and hands out a real @sanity/client pointed at it, configured
// exactly as a user would for a self-hosted server.
//
//   import { startServer } from './harness.mjs';
//   const server = await startServer();          // fresh data dir, free port
//   const client = server.client();              // @sanity/client
//   ...
//   assert.deepEqual(await server.stop(), { code: 0, signal: null });
import { createClient } from '@sanity/client';

import { API_VERSION, DATASET, startServer as startServerProcess } from '../e2e/server-process.mjs';

export * from '../e2e/server-process.mjs';

export function clientFor(server, overrides = {}) {
  return createClient({
    projectId: 'p',
    dataset: DATASET,
    apiVersion: API_VERSION,
    useCdn: false,
    apiHost: server.url,
    useProjectHostname: false,
    token: server.token,
    ...overrides,
  });
}

// Same options as ../e2e/server-process.mjs startServer(); the handle also has client(overrides).
export async function startServer(options = {}) {
  const server = await startServerProcess(options);
  server.client = (overrides = {}) => clientFor(server, overrides);
  return server;
}
