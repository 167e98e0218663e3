// A minimal Chrome DevTools Protocol client over --remote-debugging-pipe: the browser reads
// commands on its fd 3 and writes answers and events on its fd 4, each message NUL-terminated.
// A pipe needs no port (nothing listens on the machine) and no WebSocket library.
import type { Readable, Writable } from 'node:stream';

export interface CdpEvent {
  readonly method: string;
  readonly params: Record<string, unknown>;
  readonly sessionId?: string;
}

interface Pending {
  readonly method: string;
  readonly resolve: (result: Record<string, unknown>) => void;
  readonly reject: (error: Error) => void;
}

export class CdpPipeClient {
  private nextId = 1;
  private received = '';
  private closedReason: string | undefined;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(event: CdpEvent) => void>();

  constructor(
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    fromBrowser.setEncoding('utf8');
    fromBrowser.on('data', (chunk: string) => this.receive(chunk));
    fromBrowser.on('close', () => this.close('the browser closed its DevTools pipe'));
    // A browser that dies mid-write makes our end of the pipe fail; the pending calls say why.
    toBrowser.on('error', (error) => this.close(`writing to the browser failed: ${error.message}`));
  }

  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
    if (this.closedReason) return Promise.reject(new Error(`CDP ${method}: ${this.closedReason}`));
    const id = this.nextId++;
    const message = JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) });
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { method, resolve: resolve as (result: Record<string, unknown>) => void, reject });
      this.toBrowser.write(`${message}\0`);
    });
  }

  onEvent(listener: (event: CdpEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first event that matches, or rejects after timeoutMs. */
  waitForEvent(method: string, sessionId: string | undefined, timeoutMs: number): Promise<CdpEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`CDP: no ${method} event within ${timeoutMs} ms`));
      }, timeoutMs);
      const stop = this.onEvent((event) => {
        if (event.method !== method || (sessionId !== undefined && event.sessionId !== sessionId)) return;
        clearTimeout(timer);
        stop();
        resolve(event);
      });
    });
  }

  close(reason = 'the client was closed'): void {
    if (this.closedReason) return;
    this.closedReason = reason;
    for (const [id, call] of this.pending) {
      this.pending.delete(id);
      call.reject(new Error(`CDP ${call.method}: ${reason}`));
    }
  }

  private receive(chunk: string): void {
    this.received += chunk;
    let end: number;
    while ((end = this.received.indexOf('\0')) >= 0) {
      const raw = this.received.slice(0, end);
      this.received = this.received.slice(end + 1);
      this.dispatch(JSON.parse(raw) as { id?: number; result?: Record<string, unknown>; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string });
    }
  }

  private dispatch(message: { id?: number; result?: Record<string, unknown>; error?: { message: string }; method?: string; params?: Record<string, unknown>; sessionId?: string }): void {
    if (message.id !== undefined) {
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      if (message.error) call.reject(new Error(`CDP ${call.method}: ${message.error.message}`));
      else call.resolve(message.result ?? {});
      return;
    }
    if (message.method) {
      const event: CdpEvent = { method: message.method, params: message.params ?? {}, ...(message.sessionId ? { sessionId: message.sessionId } : {}) };
      for (const listener of this.listeners) listener(event);
    }
  }
}
