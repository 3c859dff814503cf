/**
 * Fans alerts out to WebSocket clients. Each alert message is serialised once
 * and handed to every client whose minimum severity it meets. Sending never
 * waits: a client that has more than `maxBufferedBytes` unsent (it stopped
 * reading, or reads slower than alerts come) is disconnected rather than
 * allowed to hold memory or anyone else up; it reconnects and reads the
 * backlog from GET /alerts.
 */
import type { AlertView } from '../views/alert-view.ts';
import { SEVERITIES } from '../views/alert-view.ts';

/** What the hub needs of a socket (the ws library's WebSocket has all of it). */
export interface AlertSocket {
  /** Bytes queued in the process and not yet handed to the kernel. */
  readonly bufferedAmount: number;
  send(data: string): void;
  /** Closes at once, without the closing handshake a stalled peer would never finish. */
  terminate(): void;
}

export interface HubObserver {
  sent(count: number): void;
  dropped(reason: 'slow'): void;
  clients(count: number): void;
}

const quietObserver: HubObserver = {
  sent: () => undefined,
  dropped: () => undefined,
  clients: () => undefined,
};

interface Client {
  readonly socket: AlertSocket;
  readonly minRank: number;
}

/** Remembers the last `capacity` keys, oldest forgotten first. */
class RecentKeys {
  private readonly keys = new Set<string>();
  constructor(private readonly capacity: number) {}

  /** True when the key is new (and now remembered). */
  admit(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    if (this.keys.size > this.capacity) this.keys.delete(this.keys.values().next().value!);
    return true;
  }
}

/**
 * An alert is re-emitted when it recurs, escalates or is acknowledged: each of
 * those states is news to a client, a second copy of the same state is not.
 */
export function alertStateKey(alert: AlertView): string {
  return [alert.alert_id, alert.occurrences, alert.severity, alert.acknowledged].join('|');
}

export class AlertHub {
  private readonly clients = new Set<Client>();
  private readonly seen: RecentKeys;

  constructor(
    private readonly options: {
      readonly maxBufferedBytes: number;
      readonly observer?: HubObserver;
      /** How many alert states are remembered to recognise a repeat. */
      readonly dedupCapacity?: number;
    },
  ) {
    this.seen = new RecentKeys(options.dedupCapacity ?? 10_000);
  }

  private get observer(): HubObserver {
    return this.options.observer ?? quietObserver;
  }

  get size(): number {
    return this.clients.size;
  }

  /** Adds a client that wants alerts of `minSeverity` and above; returns its removal. */
  add(socket: AlertSocket, minSeverity: string): () => void {
    const rank = SEVERITIES.indexOf(minSeverity);
    const client: Client = { socket, minRank: Math.max(rank, 0) };
    this.clients.add(client);
    this.observer.clients(this.clients.size);
    return () => {
      if (this.clients.delete(client)) this.observer.clients(this.clients.size);
    };
  }

  /** Sends an alert to every client that wants it, once per alert state. */
  publish(alert: AlertView): void {
    if (!this.seen.admit(alertStateKey(alert))) return;
    const rank = SEVERITIES.indexOf(alert.severity);
    const message = JSON.stringify({ type: 'alert', alert });
    let sent = 0;
    for (const client of [...this.clients]) {
      if (rank < client.minRank) continue;
      if (client.socket.bufferedAmount > this.options.maxBufferedBytes) {
        this.drop(client);
        continue;
      }
      client.socket.send(message);
      sent++;
    }
    if (sent > 0) this.observer.sent(sent);
  }

  private drop(client: Client): void {
    this.clients.delete(client);
    this.observer.dropped('slow');
    this.observer.clients(this.clients.size);
    client.socket.terminate();
  }
}
