import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { kafkaAlertFeed } from '../../../api/ws/alert-feed.ts';
import type { Alert } from '../../../schemas/types.generated.ts';
import { type ApiHarness, startApiHarness, TEST_TOKEN } from '../../support/api-harness.ts';
import { createTopics, testKafka } from '../../support/kafka.ts';
import { uniqueName } from '../../support/names.ts';
import { produceAvro, testSerde } from '../../support/tracker-run.ts';

const SEVERITIES = ['INFO', 'WARNING', 'HIGH', 'CRITICAL'] as const;
/** Large enough that a client that stops reading fills the kernel's buffers within a few dozen alerts. */
const MESSAGE = 'm'.repeat(100_000);
const ALERT_COUNT = 240;

function alert(i: number): Alert {
  const at = Date.UTC(2026, 3, 1) + i * 60_000;
  return {
    alert_id: i.toString(16).padStart(32, '0'),
    type: 'OTHER',
    severity: SEVERITIES[i % SEVERITIES.length]!,
    component: 'test',
    title: `alert ${i}`,
    message: MESSAGE,
    data: { i: String(i) },
    dedup_key: `socket-test:${i}`,
    created_at: at,
    requires_ack: false,
    occurrences: 1,
    last_seen_at: at,
    acknowledged: false,
    acknowledged_by: null,
    acknowledged_at: null,
  };
}

interface Listener {
  readonly socket: WebSocket;
  readonly titles: string[];
}

function listen(url: string, query: string): Promise<Listener> {
  const socket = new WebSocket(`${url}/ws/alerts${query}`, {
    headers: { authorization: `Bearer ${TEST_TOKEN}` },
  });
  const titles: string[] = [];
  socket.on('message', (data) => titles.push(JSON.parse(String(data)).alert.title));
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, titles }));
    socket.once('error', reject);
  });
}

/** Completes the WebSocket handshake by hand, then never reads again: a stalled client. */
function stalledClient(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        'GET /ws/alerts HTTP/1.1\r\n' +
          `Host: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
          `Authorization: Bearer ${TEST_TOKEN}\r\n\r\n`,
      );
    });
    socket.once('data', (head) => {
      if (!String(head).startsWith('HTTP/1.1 101')) reject(new Error(String(head)));
      socket.pause();
      resolve(socket);
    });
    socket.once('error', reject);
  });
}

/** The HTTP status and error code a refused upgrade answers; 101 when the socket opens. */
function refusal(url: string, headers: Record<string, string>): Promise<[number, string | undefined]> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${url}/ws/alerts`, { headers });
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk) => {
        body += String(chunk);
      });
      response.on('end', () => resolve([response.statusCode ?? 0, JSON.parse(body).error?.code]));
    });
    socket.once('open', () => {
      socket.close();
      resolve([101, undefined]);
    });
    socket.once('error', () => undefined);
  });
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('WS /ws/alerts over a real socket, fed from the alerts topic', () => {
  const kafka = testKafka();
  const serde = testSerde();
  const topic = `${uniqueName('api-ws')}.amc.learning.alerts.v1`;
  const feed = kafkaAlertFeed({ kafka, serde, topic, applicationId: uniqueName('api-ws-app') });
  let api: ApiHarness;
  let url: string;

  beforeAll(async () => {
    await createTopics(kafka, [topic], { partitions: 1 });
    await feed.start();
    api = await startApiHarness({ label: 'api_ws', feed, config: { wsMaxBufferedBytes: 64 * 1024 } });
    url = (await api.app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws');
  });
  afterAll(async () => {
    await api?.close();
    await feed.stop();
  });

  it('refuses a socket without the token, with a wrong one, or with a bad filter', async () => {
    expect(await refusal(url, {})).toEqual([401, 'TOKEN_MISSING']);
    expect(await refusal(url, { authorization: 'Bearer wrong-token-0123456789' })).toEqual([
      403,
      'TOKEN_INVALID',
    ]);
    const bad = new WebSocket(`${url}/ws/alerts?min_severity=LOUD`, {
      headers: { authorization: `Bearer ${TEST_TOKEN}` },
    });
    const status = await new Promise((resolve) =>
      bad.once('unexpected-response', (_q, r) => resolve(r.statusCode)),
    );
    expect(status).toBe(400);
  });

  it('gives each client each alert once, filters by severity, and drops a stalled client without holding up the others', async () => {
    const all = await listen(url, '');
    const high = await listen(url, '?min_severity=HIGH');
    const stalled = await stalledClient(url);
    await waitFor(() => api.app.websocketServer.clients.size === 3, 5_000);

    const alerts = Array.from({ length: ALERT_COUNT }, (_, i) => alert(i));
    // Every fifth alert is also published a second time, as a replayed copy of the same state.
    const records = alerts.flatMap((a, i) => (i % 5 === 0 ? [a, a] : [a]));
    for (let i = 0; i < records.length; i += 5) {
      await produceAvro(
        kafka,
        serde,
        topic,
        'amc.learning.alerts.v1',
        records
          .slice(i, i + 5)
          .map((value) => ({ key: value.dedup_key, value, timestamp: value.last_seen_at })),
      );
    }
    await waitFor(() => all.titles.length >= ALERT_COUNT, 60_000);
    await new Promise((r) => setTimeout(r, 500));

    expect(all.titles).toEqual(alerts.map((a) => a.title));
    expect(high.titles).toEqual(
      alerts.filter((a) => a.severity === 'HIGH' || a.severity === 'CRITICAL').map((a) => a.title),
    );
    const metrics = (await api.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain('amc_ws_alert_clients_dropped_total{reason="slow"} 1');
    expect(metrics).toContain('amc_ws_alert_clients 2');
    // Once it reads again, the stalled client finds its connection closed by the server.
    const closed = new Promise((resolve) => stalled.once('close', resolve));
    stalled.resume();
    await closed;
    all.socket.close();
    high.socket.close();
  }, 120_000);
});

describe('WS /ws/alerts with AMC_API_TOKEN unset', () => {
  let api: ApiHarness;
  let url: string;

  beforeAll(async () => {
    api = await startApiHarness({ label: 'api_ws_notoken', config: { token: undefined } });
    url = (await api.app.listen({ host: '127.0.0.1', port: 0 })).replace('http', 'ws');
  });
  afterAll(() => api?.close());

  it('refuses every socket as disabled, whatever token is sent, and never counts it a client', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${TEST_TOKEN}` },
      { authorization: 'Bearer undefined' },
    ];
    for (const headers of attempts) {
      expect(await refusal(url, headers)).toEqual([403, 'MUTATIONS_DISABLED']);
    }
    expect(api.app.websocketServer.clients.size).toBe(0);
    const metrics = (await api.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain('amc_ws_alert_clients 0');
  });
});
