/**
 * The HTTP API through a real socket: authentication and its failures, request signing, input
 * errors in the one error shape, limits, negotiation, the calculator catalogue, metrics, the
 * OpenAPI document, and the logs (which must hold no personal data).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planFromInput, validate } from '../../../src/api.js';
import { signRequest } from '../../../src/apps/http/signing.js';
import { revokeKey } from '../../../src/apps/http/keys.js';
import { CALCULATOR_NAMES, runCalculator } from '../../../src/engine/calculators/index.js';
import { EXAMPLES } from '../../engine/calculators/examples.js';
import { readBadSample, readSample } from '../../helpers/samples.js';
import { bearer, json, JSON_HEADERS, startTestServer, type TestServer } from './helpers.js';

let t: TestServer;
let planKey: string;
let calcKey: string;

beforeAll(async () => {
  t = await startTestServer();
  planKey = t.addKey('portal', { scopes: ['plans', 'calculators'] }).key;
  calcKey = t.addKey('calc-only', { scopes: ['calculators'] }).key;
});
afterAll(() => t.close());

async function post(path: string, body: unknown, headers: Record<string, string>) {
  return fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { ...JSON_HEADERS, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function expectErrorShape(body: Record<string, unknown>, code: string) {
  expect(Object.keys(body).sort()).toEqual(['code', 'issues', 'message', 'requestId']);
  expect(body.code).toBe(code);
  expect(body.message).toMatch(/[\u4e00-\u9fff]/);
  expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(js|ts):\d+/);
}

describe('authentication', () => {
  it('refuses no key, a malformed header and a wrong key with the same 401', async () => {
    const answers = await Promise.all([
      fetch(`${t.url}/v1/calculators`),
      fetch(`${t.url}/v1/calculators`, { headers: { authorization: 'Basic abc' } }),
      fetch(`${t.url}/v1/calculators`, { headers: bearer(`fpk_${randomBytes(32).toString('base64url')}`) }),
      fetch(`${t.url}/v1/calculators`, { headers: bearer(planKey.slice(0, -1)) }),
    ]);
    const bodies = await Promise.all(answers.map(json));
    for (const [i, r] of answers.entries()) {
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expectErrorShape(bodies[i]!, 'FINPLAN_E_UNAUTHORIZED');
      expect(bodies[i]!.message).toBe(bodies[0]!.message);
    }
  });

  it('answers 403 for a valid key without the route scope', async () => {
    const r = await post(
      '/v1/plans',
      { profile: readSample('single-parent-chengdu') },
      bearer(calcKey, { accept: 'application/json' }),
    );
    expect(r.status).toBe(403);
    expectErrorShape(await json(r), 'FINPLAN_E_FORBIDDEN');
  });

  it('stops accepting a revoked key without a restart', async () => {
    const { key } = t.addKey('short-lived', { scopes: ['calculators'] });
    expect((await fetch(`${t.url}/v1/calculators`, { headers: bearer(key) })).status).toBe(200);
    revokeKey(t.keysFile, 'short-lived');
    t.now.ms += 1500;
    expect((await fetch(`${t.url}/v1/calculators`, { headers: bearer(key) })).status).toBe(401);
  });

  it('limits each key to its requests per minute with 429 and Retry-After', async () => {
    const { key } = t.addKey('slow-portal', { scopes: ['calculators'], rateLimitPerMinute: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push(await fetch(`${t.url}/v1/calculators`, { headers: bearer(key) }));
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 429]);
    expect(Number(statuses[2]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expectErrorShape(await json(statuses[2]!), 'FINPLAN_E_RATE_LIMITED');
    // Another key is not held back by this one.
    expect((await fetch(`${t.url}/v1/calculators`, { headers: bearer(calcKey) })).status).toBe(200);
  });
});

describe('request signing', () => {
  let key: string;
  let secret: string;
  beforeAll(() => {
    const k = t.addKey('signed-portal', { scopes: ['calculators'], signing: true });
    key = k.key;
    secret = k.signingSecret!;
  });

  function signed(body: string, opts: { timestamp?: number; nonce?: string; secret?: string } = {}) {
    const ts = String(opts.timestamp ?? Math.floor(t.now.ms / 1000));
    const nonce = opts.nonce ?? randomBytes(16).toString('hex');
    const path = '/v1/calculators/tvm';
    return {
      ...bearer(key),
      'x-finplan-timestamp': ts,
      'x-finplan-nonce': nonce,
      'x-finplan-signature': signRequest(opts.secret ?? secret, 'POST', path, ts, nonce, Buffer.from(body)),
    };
  }
  const body = JSON.stringify(EXAMPLES.tvm);

  it('accepts a correctly signed request', async () => {
    const r = await post('/v1/calculators/tvm', body, signed(body));
    expect(r.status).toBe(200);
  });

  it('refuses a missing, wrong, expired or replayed signature with the same 401', async () => {
    const nonce = randomBytes(16).toString('hex');
    const first = await post('/v1/calculators/tvm', body, signed(body, { nonce }));
    expect(first.status).toBe(200);
    const attempts = [
      post('/v1/calculators/tvm', body, bearer(key)),
      post('/v1/calculators/tvm', body, signed(body, { secret: 'fps_wrong' })),
      post('/v1/calculators/tvm', `${body} `, signed(body)),
      post('/v1/calculators/tvm', body, signed(body, { timestamp: Math.floor(t.now.ms / 1000) - 301 })),
      post('/v1/calculators/tvm', body, signed(body, { nonce })),
    ];
    const answers = await Promise.all(attempts);
    const messages = new Set<string>();
    for (const r of answers) {
      expect(r.status).toBe(401);
      const b = await json(r);
      expectErrorShape(b, 'FINPLAN_E_UNAUTHORIZED');
      messages.add(b.message);
    }
    expect(messages.size).toBe(1);
  });
});

describe('plans', () => {
  it('answers Accept: application/json with the Plan the library makes', async () => {
    const profile = readSample('single-parent-chengdu');
    const r = await post('/v1/plans', { profile }, bearer(planKey, { accept: 'application/json' }));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await json(r)).toEqual(JSON.parse(JSON.stringify(planFromInput(profile))));
  });

  it('answers Accept: application/pdf with the PDF and a Chinese file name', async () => {
    const profile = readSample('single-parent-chengdu');
    const r = await post(
      '/v1/plans',
      { profile, options: { depth: 'summary' } },
      bearer(planKey, { accept: 'application/pdf' }),
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    const cd = r.headers.get('content-disposition')!;
    expect(cd).toMatch(/^attachment; filename="plan\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toBe('赵女士家庭理财规划书.pdf');
    const pdf = Buffer.from(await r.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('answers 406 when Accept asks for neither', async () => {
    for (const accept of ['*/*', 'text/html', 'application/xml, */*;q=0.1']) {
      const r = await post(
        '/v1/plans',
        { profile: readSample('single-parent-chengdu') },
        bearer(planKey, { accept }),
      );
      expect(r.status).toBe(406);
      expectErrorShape(await json(r), 'FINPLAN_E_NOT_ACCEPTABLE');
    }
  });

  it('answers 422 with every issue of an invalid profile (field and cross-field problems together)', async () => {
    for (const name of ['wrong-types', 'child-older-than-parent', 'misspelt-key']) {
      const profile = readBadSample(name);
      const r = await post('/v1/plans', { profile }, bearer(planKey, { accept: 'application/pdf' }));
      expect(r.status).toBe(422);
      const body = await json(r);
      expectErrorShape(body, 'FINPLAN_E_INVALID_PROFILE');
      const expected = validate(profile);
      expect(expected.ok).toBe(false);
      expect(body.issues).toEqual(!expected.ok && expected.issues);
    }
  });

  it('checks the envelope and the options here, in Chinese', async () => {
    const noProfile = await post(
      '/v1/plans',
      { profil: {} },
      bearer(planKey, { accept: 'application/json' }),
    );
    expect(noProfile.status).toBe(400);
    const b1 = await json(noProfile);
    expectErrorShape(b1, 'FINPLAN_E_INVALID_REQUEST');
    expect(b1.issues.map((i: { path: string; code: string }) => `${i.path}:${i.code}`).sort()).toEqual([
      'profil:unknown_key',
      'profile:required',
    ]);
    const badOptions = await post(
      '/v1/plans',
      { profile: readSample('single-parent-chengdu'), options: { depth: 'huge', colour: 'red' } },
      bearer(planKey, { accept: 'application/pdf' }),
    );
    expect(badOptions.status).toBe(400);
    const b2 = await json(badOptions);
    expectErrorShape(b2, 'FINPLAN_E_INVALID_OPTIONS');
    expect(b2.issues.map((i: { path: string }) => i.path).sort()).toEqual(['colour', 'depth']);
  });

  it('refuses bodies over the limit with 413 in the registry shape, and non-JSON with 400 or 415', async () => {
    const big = JSON.stringify({ profile: { pad: 'x'.repeat(300 * 1024) } });
    const r = await post('/v1/plans', big, bearer(planKey, { accept: 'application/json' }));
    expect(r.status).toBe(413);
    expectErrorShape(await json(r), 'FINPLAN_E_INPUT_TOO_LARGE');

    const broken = await post(
      '/v1/plans',
      '{"profile": {"name": "张伟"',
      bearer(planKey, { accept: 'application/json' }),
    );
    expect(broken.status).toBe(400);
    const bb = await json(broken);
    expectErrorShape(bb, 'FINPLAN_E_INVALID_JSON');
    expect(bb.message).not.toContain('张伟');

    const form = await fetch(`${t.url}/v1/plans`, {
      method: 'POST',
      headers: { ...bearer(planKey), 'content-type': 'text/plain', accept: 'application/json' },
      body: 'profile=1',
    });
    expect(form.status).toBe(415);
    expectErrorShape(await json(form), 'FINPLAN_E_UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('calculators', () => {
  it('lists the whole catalogue with input schemas', async () => {
    const r = await fetch(`${t.url}/v1/calculators`, { headers: bearer(calcKey) });
    const body = await json(r);
    expect(body.calculators.map((c: { name: string }) => c.name)).toEqual(CALCULATOR_NAMES);
    for (const c of body.calculators) expect(c.inputSchema.type).toBe('object');
  });

  it('answers exactly what runCalculator returns, for every calculator with an example', async () => {
    for (const name of CALCULATOR_NAMES) {
      const input = EXAMPLES[name];
      if (!input) continue;
      const r = await post(`/v1/calculators/${name}`, input, bearer(calcKey));
      expect(r.status, name).toBe(200);
      expect(await json(r)).toEqual(JSON.parse(JSON.stringify(runCalculator(name, input))));
    }
  });

  it('answers 404 for an unknown calculator and 422 with issues for bad input', async () => {
    const unknown = await post('/v1/calculators/lottery', {}, bearer(calcKey));
    expect(unknown.status).toBe(404);
    expectErrorShape(await json(unknown), 'FINPLAN_E_UNKNOWN_CALCULATOR');
    const bad = await post('/v1/calculators/mortgage', { months: 'many' }, bearer(calcKey));
    expect(bad.status).toBe(422);
    const body = await json(bad);
    expectErrorShape(body, 'FINPLAN_E_INVALID_CALCULATOR_INPUT');
    expect(body.issues.length).toBeGreaterThan(1);
  });

  it('answers 404 in the error shape for a route that does not exist', async () => {
    const r = await fetch(`${t.url}/v2/anything`);
    expect(r.status).toBe(404);
    expectErrorShape(await json(r), 'FINPLAN_E_NOT_FOUND');
  });
});

describe('operations', () => {
  it('serves health, readiness and Prometheus metrics by route and status', async () => {
    expect(await await json(await fetch(`${t.url}/healthz`))).toEqual({ status: 'ok' });
    await t.server.warmedUp;
    const ready = await fetch(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    const text = await (await fetch(`${t.url}/metrics`)).text();
    expect(text).toMatch(/finplan_http_requests_total\{route="\/v1\/plans",method="POST",status="200"\} \d+/);
    expect(text).toMatch(
      /finplan_http_request_duration_seconds_bucket\{le="0.005",route="\/v1\/calculators"/,
    );
    expect(text).toMatch(/^finplan_render_queue_depth 0$/m);
    expect(text).toMatch(/^finplan_renders_in_flight 0$/m);
  });

  it('serves the docs page from its own files, with no CDN', async () => {
    const page = await fetch(`${t.url}/docs/static/index.html`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui');
    expect(html).not.toMatch(/https?:\/\/(unpkg|cdn|cdnjs|fonts)\./);
  });

  it('publishes an OpenAPI 3.1 document that lists every route, with resolvable references', async () => {
    const doc = await await json(await fetch(`${t.url}/openapi.json`));
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBeTruthy();
    const listed = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    const expected = [
      'GET /healthz',
      'GET /readyz',
      'GET /metrics',
      'POST /v1/plans',
      'GET /v1/calculators',
      ...CALCULATOR_NAMES.map((n) => `POST /v1/calculators/${n}`),
      'POST /v1/calculators/{name}',
      'POST /v1/batches',
      'GET /v1/batches/{id}',
      'GET /v1/batches/{id}/manifest',
      'GET /v1/batches/{id}/summary',
      'GET /v1/batches/{id}/errors',
      'GET /v1/batches/{id}/organiser',
      'GET /v1/batches/{id}/plans/{householdId}',
    ];
    expect(listed.sort()).toEqual(expected.sort());
    // The routes Fastify actually has (less HEAD twins, the docs page's own and /openapi.json).
    const registered = t.server.app
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .filter((l) => /\(/.test(l));
    expect(registered.length).toBeGreaterThan(0);
    for (const [path, ops] of Object.entries(
      doc.paths as Record<string, Record<string, { responses: object }>>,
    )) {
      for (const [method, op] of Object.entries(ops)) {
        expect(['get', 'post'], `${method} ${path}`).toContain(method);
        expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
      }
    }
    expect(
      doc.paths['/v1/plans'].post.requestBody.content['application/json'].schema.properties.profile.properties
        .members,
    ).toBeTruthy();
    expect(doc.components.securitySchemes.bearerAuth.scheme).toBe('bearer');
    expect(Object.keys(doc.paths['/v1/batches'].post.requestBody.content).sort()).toEqual(
      [
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'multipart/form-data',
        'text/csv',
      ].sort(),
    );
    expect(Object.keys(doc.paths['/v1/batches/{id}/organiser'].get.responses['200'].content)).toEqual([
      'application/pdf',
    ]);
    // Every $ref points at a component that exists.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1]!,
    );
    for (const ref of new Set(refs)) expect(doc.components.schemas[ref], ref).toBeTruthy();
  });
});

describe('logs', () => {
  it('hold one line per request with id, key, route, status and duration, and no personal data', async () => {
    const profile = readSample('single-parent-chengdu') as {
      household: { familyName: string };
      members: { name: string; healthNotes?: string }[];
      incomes: { amount: number }[];
    };
    profile.members[0]!.name = '欧阳翠花';
    profile.members[0]!.healthNotes = '身份证 110101199003071234';
    profile.incomes[0]!.amount = 87654.32;
    const password = 'Tr0ub4dor&3-secret';
    const secrets = ['欧阳翠花', '110101199003071234', '87654.32', '87654', password];
    const before = t.logs.length;
    const ok = await post(
      '/v1/plans',
      { profile, options: { depth: 'summary', protection: { password } } },
      bearer(planKey, { accept: 'application/pdf' }),
    );
    expect(ok.status).toBe(200);
    const bad = structuredClone(profile) as Record<string, unknown>;
    bad.household = { 欧阳翠花: '110101199003071234' };
    const rejected = await post(
      '/v1/plans',
      { profile: bad },
      bearer(planKey, { accept: 'application/json' }),
    );
    expect(rejected.status).toBe(422);
    const broken = await post(
      '/v1/plans',
      `{"profile": {"name": "欧阳翠花", "id": 110101199003071234`,
      bearer(planKey, { accept: 'application/json' }),
    );
    expect(broken.status).toBe(400);

    const lines = t.logs.slice(before);
    for (const line of t.logs) for (const s of secrets) expect(line).not.toContain(s);
    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(requests).toHaveLength(3);
    for (const l of requests) {
      expect(l).toMatchObject({ key: 'portal', route: '/v1/plans', method: 'POST' });
      expect(typeof l.reqId).toBe('string');
      expect(typeof l.ms).toBe('number');
    }
    expect(requests.map((l) => l.status)).toEqual([200, 422, 400]);
  });
});
