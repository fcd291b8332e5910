// A deliberately tiny stand-in for `ledgerline serve` (create/createIfNotExists/patch inc+set,
// doc endpoint, /health) used only by selfcheck-crash-test.mjs to prove that crash.mjs detects
// lost acknowledged writes (FAKE_MODE=ack-early) and torn transactions (FAKE_MODE=half).
import http from 'node:http';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
const { values } = parseArgs({ args: process.argv.slice(3), options: { data: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' } } });
if (process.argv[2] === '--help') {
  // Lists its one command the way CLI11 does; no user/token commands: no authentication.
  console.log('fake ledgerline\n\nSubcommands:\n  serve                       Serve a tiny fake data API');
  process.exit(0);
}
if (process.argv[2] !== 'serve') process.exit(2);
const mode = process.env.FAKE_MODE ?? 'safe';
const logPath = values.data + '/log.jsonl';
const docs = new Map();
if (fs.existsSync(logPath)) {
  for (const line of fs.readFileSync(logPath, 'utf8').split('\n')) {
    if (!line) continue;
    let rec; try { rec = JSON.parse(line); } catch { continue; }
    for (const d of rec) docs.set(d._id, d);
  }
}
const fd = fs.openSync(logPath, 'a');
let revn = 0;
const server = http.createServer(async (req, res) => {
  let body = ''; for await (const c of req) body += c;
  const url = new URL(req.url, 'http://x');
  const send = (s, o) => { res.writeHead(s, { 'content-type': 'application/json' }); res.end(JSON.stringify(o)); };
  if (url.pathname === '/health') return send(200, { status: 'ok' });
  if (url.pathname.includes('/data/doc/')) {
    const ids = decodeURIComponent(url.pathname.split('/').pop()).split(',');
    return send(200, { documents: ids.filter((id) => docs.has(id)).map((id) => docs.get(id)), omitted: [] });
  }
  if (url.pathname.includes('/data/mutate/')) {
    const { mutations } = JSON.parse(body);
    const rev = `r${process.pid}-${++revn}`; const now = new Date().toISOString();
    const work = new Map(); const results = [];
    const get = (id) => work.get(id) ?? docs.get(id);
    for (const m of mutations) {
      if (m.create) { if (get(m.create._id)) return send(409, { error: { type: 'mutationError', description: 'exists', items: [] } }); work.set(m.create._id, { ...m.create, _rev: rev, _createdAt: now, _updatedAt: now }); results.push({ id: m.create._id, operation: 'create' }); }
      else if (m.createIfNotExists) { if (!get(m.createIfNotExists._id)) { work.set(m.createIfNotExists._id, { ...m.createIfNotExists, _rev: rev, _createdAt: now, _updatedAt: now }); results.push({ id: m.createIfNotExists._id, operation: 'create' }); } }
      else if (m.patch) { const d = { ...get(m.patch.id) }; for (const [k, v] of Object.entries(m.patch.inc ?? {})) d[k] += v; Object.assign(d, m.patch.set ?? {}); d._rev = rev; d._updatedAt = now; work.set(d._id, d); results.push({ id: d._id, operation: 'update' }); }
    }
    const written = [...work.values()];
    if (mode === 'half') { fs.writeSync(fd, JSON.stringify(written.slice(0, 1)) + '\n'); await new Promise(r => setTimeout(r, 20)); fs.writeSync(fd, JSON.stringify(written.slice(1)) + '\n'); }
    else if (mode === 'ack-early') { setTimeout(() => fs.writeSync(fd, JSON.stringify(written) + '\n'), 30); }
    else { fs.writeSync(fd, JSON.stringify(written) + '\n'); fs.fsyncSync(fd); }
    for (const d of written) docs.set(d._id, d);
    return send(200, { transactionId: rev, results: results.map(r => ({ ...r, document: docs.get(r.id) })) });
  }
  send(404, { error: { description: 'nope', type: 'notFound' } });
});
server.listen(Number(values.port ?? 0), '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
