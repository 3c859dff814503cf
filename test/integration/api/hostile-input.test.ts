import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, startApiHarness, TEST_TOKEN } from '../../support/api-harness.ts';
import { ALERT_IDS, insertKnownRows, NOW } from '../../support/api-known-rows.ts';

/** Text no parameter of the API accepts: quotes, comments, unions, odd unicode, control characters, overlong. */
const HOSTILE_TEXT = [
  "'",
  '"',
  '`',
  "' OR '1'='1",
  "1' OR 1=1 --",
  "'; DROP TABLE alerts; --",
  "x'; DROP DATABASE default; --",
  '1; SELECT 1',
  '\\',
  "\\'",
  "\\' OR 1=1 --",
  '--',
  '-- comment',
  '/* comment */',
  '*/',
  '#',
  '1 UNION SELECT 1',
  "x' UNION ALL SELECT name FROM system.tables --",
  'UNION/**/SELECT',
  ')',
  "') OR ('a'='a",
  '%27',
  '%2527',
  'A'.repeat(5_000),
  '9'.repeat(400),
  'Ａ',
  'é',
  '🚀',
  '\u202e',
  '\ufeff',
  'ʼ OR 1=1',
  '＇ OR 1=1',
  '\u0000',
  'a\u0000b',
  '\n',
  'a\r\nb',
  '\t',
  ' ',
  '',
  '{}',
  '[1,2]',
  '$(reboot)',
  // A template-injection probe, spelled so that it is no template here.
  '$' + '{7*7}',
  '../../etc/passwd',
  'a b',
  'a+b',
  'a,b',
  'a;b',
  'a=b',
];

/** Numbers out of range or written other than plainly. */
const HOSTILE_NUMBERS = [
  '-1',
  '0',
  '-0',
  '1e3',
  '0x10',
  '99999999999999999999',
  'NaN',
  'Infinity',
  '1.5',
  ' 7',
  '+7',
  '٣',
  '1 ',
  '07e0',
];
const HOSTILE_INSTANTS = [
  '2026-03-01',
  '2026-03-01T25:00:00Z',
  '2026-03-01 00:00:00',
  '1969-12-31T23:59:59Z',
  '3000-01-01T00:00:00Z',
];
const HOSTILE_DATES = [
  '2026-02-30',
  '2026-13-01',
  '0000-01-01',
  '26-03-01',
  '2026-3-1',
  '2026-03-01T00:00:00Z',
  '20260301',
];

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const HOSTILE_CURSORS = [
  cursorOf({ t: 1, id: "x' OR 1=1 --" }),
  cursorOf({ t: -1, id: 'a' }),
  cursorOf({ t: 1.5, id: 'a' }),
  cursorOf({ t: 1, id: 'a', extra: 1 }),
  cursorOf({ t: '1', id: 'a' }),
  cursorOf([1, 'a']),
  cursorOf('a'),
  Buffer.from('not json').toString('base64url'),
];

type Kind = 'integer' | 'text' | 'date' | 'instant' | 'cursor' | 'enum' | 'boolean';

const hostileFor = (kind: Kind) => [
  ...HOSTILE_TEXT,
  ...(kind === 'integer' ? HOSTILE_NUMBERS : []),
  ...(kind === 'date' ? HOSTILE_DATES : []),
  ...(kind === 'instant' ? HOSTILE_INSTANTS : []),
  ...(kind === 'cursor' ? HOSTILE_CURSORS : []),
  ...(kind === 'boolean' ? ['1', 'TRUE', 'yes'] : []),
  ...(kind === 'enum' ? ['week;', 'info', 'INFO '] : []),
];

const queryRoutes: Readonly<Record<string, Readonly<Record<string, Kind>>>> = {
  '/monitoring/discovery/pipeline/history': { days: 'integer' },
  '/learning/missed-opportunities': { days_back: 'integer' },
  '/learning/recommendations': {
    symbol: 'text',
    from: 'date',
    to: 'date',
    category: 'enum',
    bought: 'boolean',
    final: 'boolean',
    limit: 'integer',
    cursor: 'cursor',
  },
  '/learning/performance': { from: 'date', to: 'date', group: 'enum' },
  '/dip-detection/signals': { days_back: 'integer' },
  '/alerts': {
    severity: 'enum',
    min_severity: 'enum',
    type: 'enum',
    since: 'instant',
    acknowledged: 'boolean',
    limit: 'integer',
    cursor: 'cursor',
  },
  '/ws/alerts': { min_severity: 'enum' },
  '/learning/cycles': { limit: 'integer' },
};

describe('hostile input', () => {
  let api: ApiHarness;
  const auth = { authorization: `Bearer ${TEST_TOKEN}` };

  beforeAll(async () => {
    api = await startApiHarness({
      label: 'api_hostile',
      clock: () => NOW,
      config: { rateLimitPerMinute: 100_000 },
    });
    await insertKnownRows(api.db.target);
  });
  afterAll(() => api?.close());

  /** Sends the request; expects 400 with a stable code and not one statement sent to ClickHouse. */
  async function expectRefused(request: InjectOptions & { url: string }) {
    const before = api.statements.length;
    const response = await api.app.inject({
      ...request,
      headers: { ...auth, ...((request.headers as Record<string, string> | undefined) ?? {}) },
    });
    const body = response.json();
    expect({ url: request.url, status: response.statusCode }).toEqual({ url: request.url, status: 400 });
    expect(['INVALID_REQUEST', 'INVALID_RANGE', 'INVALID_CURSOR', 'INVALID_JSON']).toContain(body.error.code);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
    expect(api.statements.length).toBe(before);
    return response;
  }

  it('the watcher sees the SQL of a valid request', async () => {
    const before = api.statements.length;
    expect(
      (await api.app.inject({ method: 'GET', url: '/learning/missed-opportunities?days_back=7' })).statusCode,
    ).toBe(200);
    expect(api.statements.length).toBeGreaterThan(before);
  });

  for (const [path, params] of Object.entries(queryRoutes)) {
    it(`GET ${path}: every hostile query value is a 400 that sends no SQL`, async () => {
      let count = 0;
      for (const [name, kind] of Object.entries(params)) {
        for (const value of hostileFor(kind)) {
          await expectRefused({ method: 'GET', url: `${path}?${name}=${encodeURIComponent(value)}` });
          count++;
        }
        // Arrays where a scalar belongs: the parameter repeated, and bracketed.
        await expectRefused({ method: 'GET', url: `${path}?${name}=1&${name}=2` });
        await expectRefused({ method: 'GET', url: `${path}?${name}[]=1` });
        count += 2;
      }
      await expectRefused({ method: 'GET', url: `${path}?unknown_parameter=1` });
      expect(count).toBeGreaterThanOrEqual(50);
    });
  }

  it('GET /learning/recommendations/:tracking_id: every hostile id is a 400 that sends no SQL', async () => {
    for (const value of HOSTILE_TEXT.filter((v) => v !== '')) {
      await expectRefused({ method: 'GET', url: `/learning/recommendations/${encodeURIComponent(value)}` });
    }
    for (const value of ['run-a::AONE', 'run-a:AONE:', ':AONE', 'run-a:AONE/..', 'run-a:AONE--']) {
      await expectRefused({ method: 'GET', url: `/learning/recommendations/${encodeURIComponent(value)}` });
    }
  });

  it('POST /alerts/:id/ack: every hostile id and body is a 400 that sends no SQL and publishes nothing', async () => {
    const body = { acknowledged_by: 'ops' };
    for (const value of [
      ...HOSTILE_TEXT.filter((v) => v !== ''),
      ALERT_IDS.missedA.toUpperCase(),
      `${ALERT_IDS.missedA}0`,
    ]) {
      await expectRefused({ method: 'POST', url: `/alerts/${encodeURIComponent(value)}/ack`, payload: body });
    }
    const url = `/alerts/${ALERT_IDS.missedA}/ack`;
    const bodies: unknown[] = [
      {},
      { acknowledged_by: '' },
      { acknowledged_by: 'x'.repeat(101) },
      { acknowledged_by: 'a\u0000b' },
      { acknowledged_by: 'a\nb' },
      { acknowledged_by: ['ops'] },
      { acknowledged_by: { name: 'ops' } },
      { acknowledged_by: 7 },
      { acknowledged_by: null },
      { acknowledged_by: true },
      { acknowledged_by: 'ops', note: 'n'.repeat(1001) },
      { acknowledged_by: 'ops', note: 'bell\u0007' },
      { acknowledged_by: 'ops', note: ['a'] },
      { acknowledged_by: 'ops', extra: "'; DROP TABLE alerts; --" },
      { acknowledged_by: 'ops', acknowledged_at: 0 },
      [{ acknowledged_by: 'ops' }],
      'ops',
      7,
    ];
    for (const payload of bodies) {
      await expectRefused({
        method: 'POST',
        url,
        payload: JSON.stringify(payload),
        headers: { 'content-type': 'application/json' },
      });
    }
    for (const raw of ['{', '{"acknowledged_by":', "{'acknowledged_by':'ops'}", 'null']) {
      await expectRefused({
        method: 'POST',
        url,
        payload: raw,
        headers: { 'content-type': 'application/json' },
      });
    }
    expect(api.acks).toEqual([]);
  });

  it('GET /learning/parameters takes no query parameter', async () => {
    await expectRefused({ method: 'GET', url: '/learning/parameters?name=x' });
    await expectRefused({ method: 'GET', url: "/learning/parameters?'=1" });
  });

  describe('the learning commands', () => {
    const url = '/learning/parameters/composite_score_threshold/approve';
    const post = (path: string, payload: unknown) =>
      expectRefused({
        method: 'POST',
        url: path,
        payload: JSON.stringify(payload),
        headers: { 'content-type': 'application/json' },
      });

    it('every hostile parameter name is a 400 that sends nothing', async () => {
      for (const value of [...HOSTILE_TEXT.filter((v) => v !== ''), 'Composite_Score', '_x', '1x']) {
        for (const action of ['approve', 'rollback']) {
          await post(`/learning/parameters/${encodeURIComponent(value)}/${action}`, { requested_by: 'ops' });
        }
      }
      expect(api.commands).toEqual([]);
    });

    it('every hostile requested_by, command_id and proposal_id is a 400 that sends nothing', async () => {
      const requesters: unknown[] = [
        '',
        ' ',
        '\t \t',
        'x'.repeat(101),
        'a\u0000b',
        'a\nb',
        'bell\u0007',
        '\u007f',
        ['ops'],
        { name: 'ops' },
        7,
        null,
        true,
      ];
      const ids: unknown[] = [...HOSTILE_TEXT, 'a..b', 'a:', '-a', 'x'.repeat(201), ['a'], 7, null];
      let count = 0;
      for (const path of ['/learning/cycles', url, url.replace('approve', 'rollback')]) {
        for (const requester of requesters) {
          await post(path, { requested_by: requester });
          count++;
        }
        for (const id of ids) {
          await post(path, { requested_by: 'ops', command_id: id });
          count++;
        }
      }
      for (const id of ids) {
        await post(url, { requested_by: 'ops', proposal_id: id });
        count++;
      }
      expect(count).toBeGreaterThanOrEqual(150);
      expect(api.commands).toEqual([]);
    });

    it('bodies of another shape, and text that is not JSON, are 400s that send nothing', async () => {
      const bodies: unknown[] = [
        {},
        { requested_by: 'ops', kind: 'ROLLBACK_PARAMETER' },
        { requested_by: 'ops', requested_at: 0 },
        { requested_by: 'ops', parameter: 'vigl_score_threshold' },
        { requested_by: 'ops', extra: "'; DROP TABLE learning_cycles; --" },
        [{ requested_by: 'ops' }],
        'ops',
        7,
      ];
      for (const path of ['/learning/cycles', url]) {
        for (const body of bodies) await post(path, body);
        await post('/learning/cycles', { requested_by: 'ops', proposal_id: 'weekly-2026-04-27:x' });
        for (const raw of ['{', '{"requested_by":', "{'requested_by':'ops'}", 'null']) {
          await expectRefused({
            method: 'POST',
            url: path,
            payload: raw,
            headers: { 'content-type': 'application/json' },
          });
        }
      }
      expect(api.commands).toEqual([]);
    });
  });

  it('refuses other content types and oversized bodies with their own codes, before any SQL', async () => {
    const before = api.statements.length;
    const url = `/alerts/${ALERT_IDS.missedA}/ack`;
    const text = await api.app.inject({
      method: 'POST',
      url,
      headers: { ...auth, 'content-type': 'text/plain' },
      payload: 'ops',
    });
    expect([text.statusCode, text.json().error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const big = await api.app.inject({
      method: 'POST',
      url,
      headers: auth,
      payload: { acknowledged_by: 'ops', note: 'n'.repeat(20_000) },
    });
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(api.statements.length).toBe(before);
  });
});
