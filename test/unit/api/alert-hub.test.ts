import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../../api/views/alert-view.ts';
import { AlertHub, type AlertSocket } from '../../../api/ws/alert-hub.ts';

class FakeSocket implements AlertSocket {
  bufferedAmount = 0;
  readonly sent: string[] = [];
  terminated = false;
  send(data: string) {
    this.sent.push(JSON.parse(data).alert.alert_id);
  }
  terminate() {
    this.terminated = true;
  }
}

const view = (id: string, severity: string, extra: Partial<AlertView> = {}): AlertView => ({
  alert_id: id,
  type: 'OTHER',
  severity,
  component: 'c',
  title: 't',
  message: 'm',
  data: {},
  dedup_key: id,
  created_at: '2026-01-01T00:00:00.000Z',
  last_seen_at: '2026-01-01T00:00:00.000Z',
  occurrences: 1,
  requires_ack: false,
  acknowledged: false,
  acknowledged_by: null,
  acknowledged_at: null,
  ...extra,
});

describe('AlertHub', () => {
  it('sends each alert state once to every client whose minimum severity it meets', () => {
    const hub = new AlertHub({ maxBufferedBytes: 100 });
    const all = new FakeSocket();
    const high = new FakeSocket();
    hub.add(all, 'INFO');
    hub.add(high, 'HIGH');
    hub.publish(view('a', 'WARNING'));
    hub.publish(view('b', 'CRITICAL'));
    hub.publish(view('b', 'CRITICAL'));
    hub.publish(view('b', 'CRITICAL', { acknowledged: true }));
    hub.publish(view('a', 'WARNING', { occurrences: 2 }));
    expect(all.sent).toEqual(['a', 'b', 'b', 'a']);
    expect(high.sent).toEqual(['b', 'b']);
  });

  it('drops a client with too much unsent and keeps serving the others', () => {
    const dropped: string[] = [];
    const hub = new AlertHub({
      maxBufferedBytes: 100,
      observer: { sent: () => undefined, dropped: (r) => dropped.push(r), clients: () => undefined },
    });
    const slow = new FakeSocket();
    const fast = new FakeSocket();
    hub.add(slow, 'INFO');
    hub.add(fast, 'INFO');
    slow.bufferedAmount = 101;
    hub.publish(view('a', 'INFO'));
    hub.publish(view('b', 'INFO'));
    expect(slow.terminated).toBe(true);
    expect(slow.sent).toEqual([]);
    expect(fast.sent).toEqual(['a', 'b']);
    expect(dropped).toEqual(['slow']);
    expect(hub.size).toBe(1);
  });

  it('forgets a client that left', () => {
    const hub = new AlertHub({ maxBufferedBytes: 100 });
    const socket = new FakeSocket();
    const remove = hub.add(socket, 'INFO');
    remove();
    hub.publish(view('a', 'INFO'));
    expect(socket.sent).toEqual([]);
    expect(hub.size).toBe(0);
  });
});
