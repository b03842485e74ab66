/**
 * A GraphQL subscription over Server-Sent Events (the "distinct connections" mode of GraphQL over
 * SSE, as the gateway serves it), read one result at a time.
 */
export type EventStream = {
  /** The next result (`{ data }` or `{ errors }`); throws if the stream ends first. */
  next(): Promise<Record<string, any>>;
  close(): Promise<void>;
};

export async function subscribeSse(
  url: string,
  body: { query: string; variables?: Record<string, unknown> },
  headers: Record<string, string>,
): Promise<EventStream> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify(body),
  });
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('text/event-stream')) throw new Error(`expected an event stream, got ${response.status} ${type}: ${await response.text()}`);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next() {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (frame.startsWith('event: complete')) throw new Error('the subscription completed');
          const data = frame
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trim())
            .join('\n');
          if (data) return JSON.parse(data) as Record<string, any>;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error(`the subscription ended; received so far: ${buffer}`);
        buffer += decoder.decode(value, { stream: true });
      }
    },
    close: () => reader.cancel(),
  };
}
