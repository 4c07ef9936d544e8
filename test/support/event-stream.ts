/** One Server-Sent Event as the browser's EventSource would deliver it. */
export interface StreamEvent {
  type: string;
  id?: string;
  data: unknown;
}

/**
 * Reads a text/event-stream response incrementally: `next(type)` waits for the next event of that type (all events
 * seen stay in `events`), `ended` resolves when the server closes the stream.
 */
export class EventStreamReader {
  readonly events: StreamEvent[] = [];
  readonly ended: Promise<void>;
  private waiters: (() => void)[] = [];
  private readIndex = 0;

  constructor(
    body: ReadableStream<Uint8Array>,
    private readonly abort: AbortController,
  ) {
    this.ended = this.pump(body);
  }

  /** The next event of `type` not yet returned by an earlier call, within `timeoutMs`. */
  async next(type: string, timeoutMs = 5000): Promise<StreamEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.events.findIndex((e, i) => i >= this.readIndex && e.type === type);
      if (index >= 0) {
        this.readIndex = index + 1;
        return this.events[index];
      }
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(
          `No "${type}" event within ${timeoutMs} ms; got ${JSON.stringify(this.events.slice(this.readIndex))}`,
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.abort.abort();
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (error) {
      if (!this.abort.signal.aborted) throw error;
    } finally {
      this.wake();
    }
  }

  private parse(block: string): void {
    const event: { type: string; id?: string; data: string[] } = { type: 'message', data: [] };
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event.type = value;
      else if (field === 'id') event.id = value;
      else if (field === 'data') event.data.push(value);
    }
    if (!event.data.length) return;
    this.events.push({ type: event.type, id: event.id, data: JSON.parse(event.data.join('\n')) });
    this.wake();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
