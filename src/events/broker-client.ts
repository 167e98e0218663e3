// The suite's own view of JetStream (through the broker's published port, never through a link, so
// that link faults do not blind the checker): stream counts, the dead-letter stream, and the purge
// that starts each events scenario clean.
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { DEAD_LETTER_STREAM, FULFILMENT_CONSUMER, ORDERS_STREAM } from '../../fixtures/fulfilment-worker/src/streams.js';

export interface DeadLetter {
  readonly eventId: string;
  readonly orderId: string;
  readonly deliveries: number;
  readonly attempts: ReadonlyArray<{ readonly delivery: number; readonly at: string; readonly error: string }>;
  readonly deadLetteredAt: string;
}

export interface ConsumerState {
  /** Messages not yet delivered to the worker. */
  readonly pending: number;
  /** Delivered and not acknowledged yet. */
  readonly ackPending: number;
  readonly redelivered: number;
}

export class BrokerClient {
  private constructor(
    private readonly connection: NatsConnection,
    private readonly manager: JetStreamManager,
  ) {}

  static async connect(url: string): Promise<BrokerClient> {
    const connection = await connect({ servers: url, name: 'faultline', timeout: 5_000, maxReconnectAttempts: 10 });
    return new BrokerClient(connection, await jetstreamManager(connection));
  }

  /** Every message of the dead-letter stream (empty when the stream does not exist yet). */
  async deadLetters(): Promise<DeadLetter[]> {
    const info = await this.manager.streams.info(DEAD_LETTER_STREAM).catch(() => undefined);
    if (!info || info.state.messages === 0) return [];
    const letters: DeadLetter[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const message = await this.manager.streams.getMessage(DEAD_LETTER_STREAM, { seq }).catch(() => null);
      if (message) letters.push(message.json<DeadLetter>());
    }
    return letters;
  }

  /** The worker's consumer; a failure to read it fails the check (an unknown state is not "nothing in flight"). */
  async consumerState(): Promise<ConsumerState> {
    const info = await this.manager.consumers.info(ORDERS_STREAM, FULFILMENT_CONSUMER);
    return { pending: info.num_pending, ackPending: info.num_ack_pending, redelivered: info.num_redelivered };
  }

  /** Empties both streams (the consumer's state goes with them), so that a scenario sees only its own events. */
  async purge(): Promise<void> {
    for (const stream of [ORDERS_STREAM, DEAD_LETTER_STREAM]) await this.manager.streams.purge(stream).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
