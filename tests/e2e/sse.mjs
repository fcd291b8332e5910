// A raw SSE reader for the listen stream (fetch; Node builtins only): the events as the
// browser's EventSource would see them, plus waiting for a condition on them.
const DEFAULT_TIMEOUT_MS = 20_000;

// Opens `url` with the bearer `token` (and Last-Event-ID when given). Resolves to
// { status, headers, events, until(predicate, timeoutMs), ended(), close() }; each event is
// { id, event, data, retry, raw, receivedAt } (the fields its block had).
export async function openStream(url, token, { lastEventId } = {}) {
  const headers = { accept: 'text/event-stream', authorization: `Bearer ${token}` };
  if (lastEventId) headers['last-event-id'] = lastEventId;
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const events = [];
  let ended = false;
  let wake = () => {};
  const pump = (async () => {
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        let end;
        while ((end = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          const event = { raw: block, receivedAt: performance.now() };
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) event.id = line.slice(4);
            else if (line.startsWith('event: ')) event.event = line.slice(7);
            else if (line.startsWith('data: ')) event.data = JSON.parse(line.slice(6));
            else if (line.startsWith('retry: ')) event.retry = Number(line.slice(7));
          }
          if (event.event) events.push(event);
          wake();
        }
      }
    } catch {
      // aborted, or the server went away
    }
    ended = true;
    wake();
  })();
  const until = (predicate, timeoutMs = DEFAULT_TIMEOUT_MS) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        wake = () => {};
        reject(new Error(`stream: condition not met in ${timeoutMs} ms (ended ${ended}): ${JSON.stringify(events)}`));
      }, timeoutMs);
      const test = () => {
        if (predicate(events, ended)) {
          clearTimeout(timer);
          wake = () => {};
          resolve(events);
        }
      };
      wake = test;
      test();
    });
  return {
    status: response.status,
    headers: response.headers,
    events,
    until,
    ended: () => ended,
    close: async () => {
      controller.abort();
      await pump;
    },
  };
}
