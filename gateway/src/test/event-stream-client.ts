import { get, type IncomingMessage } from 'node:http';

/** Server-Sent Events as a test reads them: events (with `data` parsed as JSON) and comment lines. */
export interface ParsedEvents {
  events: Array<{ id?: string; event?: string; data?: unknown }>;
  comments: string[];
}

export function eventsOf(text: string): ParsedEvents {
  const parsed: ParsedEvents = { events: [], comments: [] };
  for (const block of text.split('\n\n').filter((b) => b.length > 0)) {
    const event: ParsedEvents['events'][number] = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) parsed.comments.push(line.slice(1).trim());
      else if (line.startsWith('id: ')) event.id = line.slice(4);
      else if (line.startsWith('event: ')) event.event = line.slice(7);
      else if (line.startsWith('data: ')) event.data = JSON.parse(line.slice(6));
    }
    if (Object.keys(event).length > 0) parsed.events.push(event);
  }
  return parsed;
}

export interface OpenEventStream {
  response: IncomingMessage;
  text(): string;
  /** Resolves once what was received so far satisfies `done`; fails after `timeoutMs`. */
  until(done: (text: string) => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves when the server ends the response. */
  ended: Promise<void>;
  /** Drops the connection, as a browser tab that closes. */
  close(): void;
}

/** A real HTTP connection (inject cannot hang up half-way), read as it arrives. */
export function openEventStream(url: string, headers: Record<string, string>): Promise<OpenEventStream> {
  return new Promise((resolve, reject) => {
    const request = get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      let received = '';
      const listeners = new Set<() => void>();
      response.setEncoding('utf8');
      // Closing on purpose aborts the response; that is not a failure of the test.
      response.on('error', () => undefined);
      response.on('data', (chunk: string) => {
        received += chunk;
        listeners.forEach((listener) => listener());
      });
      const ended = new Promise<void>((done) => response.on('end', done));
      resolve({
        response,
        text: () => received,
        ended,
        close: () => request.destroy(),
        until: (done, timeoutMs = 5000) =>
          new Promise<void>((fulfil, fail) => {
            const check = () => {
              if (!done(received)) return;
              listeners.delete(check);
              clearTimeout(timer);
              fulfil();
            };
            const timer = setTimeout(() => {
              listeners.delete(check);
              fail(new Error(`not received in ${timeoutMs} ms; got: ${received}`));
            }, timeoutMs);
            listeners.add(check);
            check();
          }),
      });
    });
    request.on('error', reject);
  });
}
