import { DEMO_TENANT_ID } from '@cc/acd';
import { createTestDatabase, type TestDatabase } from '@cc/persistence';
import { DatabaseModule, DatabaseRegistryService, dataSourceToken, loadConfig, PlatformConfig } from '@cc/platform';
import { Global, type INestApplication, Module, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DataSource } from 'typeorm';
import { ha1 } from '../src/auth/digest-algorithm';
import { DEMO_SIP_DOMAIN, seedDemoDirectory } from '../src/directory/demo-directory-seed';
import { IngressDirectory } from '../src/directory/ingress-directory';
import {
  SIP_DIRECTORY_CONTROLLERS,
  SIP_DIRECTORY_ENTITIES,
  SIP_DIRECTORY_PROVIDERS,
} from '../src/directory/sip-directory-parts';
import { SIP_DIRECTORY_SETTINGS, type SipDirectorySettings } from '../src/directory/sip-directory-settings';
import { SipDirectoryService } from '../src/directory/sip-directory.service';
import { SIP_INGRESS_MIGRATIONS } from '../src/migrations/sip-ingress-migrations';
import { SIP_INGRESS_SCHEMA } from '../src/sip-ingress-schema';

interface Backend {
  name: string;
  env(): Promise<Record<string, string>>;
  cleanup(): Promise<void>;
}

const dataDir = mkdtempSync(join(tmpdir(), 'cc-sip-directory-'));
let database: TestDatabase | undefined;

const backends: Backend[] = [
  {
    name: 'PGlite',
    env: async () => ({ DATA_DIR: dataDir }),
    cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
  },
  {
    name: 'PostgreSQL',
    env: async () => {
      database ??= await createTestDatabase();
      return { DATABASE_URL: database.url, DATA_DIR: dataDir };
    },
    cleanup: async () => database?.drop(),
  },
];

const settings: SipDirectorySettings = {
  defaultTenantId: DEMO_TENANT_ID,
  secret: 'integration-test-secret-0123456789',
  refreshIntervalMs: 0,
};

/** The directory's controllers and providers on their own, as the ingress module registers them. */
async function startDirectoryApp(env: Record<string, string>): Promise<INestApplication> {
  const config = loadConfig(PlatformConfig, env);

  @Global()
  @Module({
    providers: [{ provide: PlatformConfig, useValue: config }, DatabaseRegistryService],
    exports: [PlatformConfig, DatabaseRegistryService],
  })
  class TestPlatformModule {}

  @Module({
    imports: [
      TestPlatformModule,
      DatabaseModule.forSchema({
        schema: SIP_INGRESS_SCHEMA,
        entities: SIP_DIRECTORY_ENTITIES,
        migrations: SIP_INGRESS_MIGRATIONS,
      }),
    ],
    controllers: SIP_DIRECTORY_CONTROLLERS,
    providers: [...SIP_DIRECTORY_PROVIDERS, { provide: SIP_DIRECTORY_SETTINGS, useValue: settings }],
  })
  class DirectoryTestModule {}

  const app = await NestFactory.create(DirectoryTestModule, { logger: ['error'], abortOnError: false });
  app.useGlobalPipes(new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }));
  await app.listen(0, '127.0.0.1');
  return app;
}

describe.each(backends)('SIP ingress directory on $name', (backend) => {
  let app: INestApplication;
  let base: string;
  let directory: IngressDirectory;
  let dataSource: DataSource;

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}/api/sip/tenants/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & unknown[],
    };
  };

  beforeAll(async () => {
    app = await startDirectoryApp(await backend.env());
    const address = app.getHttpServer().address() as { port: number };
    base = `http://127.0.0.1:${address.port}`;
    directory = app.get(IngressDirectory);
    dataSource = app.get<DataSource>(dataSourceToken(SIP_INGRESS_SCHEMA));
  });

  afterAll(async () => {
    await app?.close();
    await backend.cleanup();
  });

  describe('demo seed', () => {
    it('defines the demo tenant once and the hot path finds it without a query', async () => {
      const service = app.get(SipDirectoryService);
      expect(await seedDemoDirectory(service)).toBe('seeded');
      expect(await seedDemoDirectory(service)).toBe('kept');

      expect(directory.tenantOfDomain('Demo.CC.local')).toBe('demo');
      expect(directory.tenantOfDomain('127.0.0.1')).toBe('demo');
      expect(directory.tenantOfDomain('[::1]')).toBe('demo');
      expect(directory.tenantOfDomain('unknown.example')).toBeUndefined();
      expect(directory.didOf('+74950000001')).toEqual({
        number: '+74950000001',
        tenantId: 'demo',
        branchId: 'msk',
        queueId: 'msk-sales',
      });
      expect(directory.didOf('+73830000001')?.branchId).toBe('nsk');
      expect(directory.didOf('+74950000000')).toBeUndefined();
      expect(directory.trunkForSource('127.0.0.1')?.trunkId).toBe('carrier');
      expect(directory.trunkForSource('::1')?.trunkId).toBe('carrier');
      expect(directory.trunkForSource('192.0.2.1')).toBeUndefined();
      expect(directory.credentialsOf('demo', '2010')?.ha1.MD5).toBe(ha1('2010', DEMO_SIP_DOMAIN, 'demo-2010', 'MD5'));
      expect(directory.ha1LookupOf('demo')('1001', 'SHA-256')).toBe(
        ha1('1001', DEMO_SIP_DOMAIN, 'demo-1001', 'SHA-256'),
      );
      expect(directory.trunk('demo', 'partner')?.outbound).toEqual({ host: '127.0.0.1', port: 5070, transport: 'udp' });
      expect(directory.trunk('demo', 'branch-nsk')).toMatchObject({ kind: 'branch', branchId: 'nsk' });

      const agents = await call('GET', 'demo/agents');
      expect(agents.body).toHaveLength(20);
    });

    it('never overwrites what was changed, and completes a tenant it did not finish', async () => {
      const service = app.get(SipDirectoryService);
      expect((await call('PUT', 'demo/dids/+74950000001', { branchId: 'msk', queueId: 'msk-billing' })).status).toBe(
        200,
      );
      expect(await seedDemoDirectory(service)).toBe('kept');
      expect(directory.didOf('+74950000001')?.queueId).toBe('msk-billing');

      expect((await call('DELETE', 'demo')).status).toBe(204);
      expect(directory.didOf('+74950000001')).toBeUndefined();
      await call('PUT', 'demo', { realm: DEMO_SIP_DOMAIN });
      await call('PUT', 'demo/dids/+74950000002', { branchId: 'msk', queueId: 'msk-billing' });
      await call('PUT', 'demo/agents/1001/credentials', { password: 'changed-password' });
      expect(await seedDemoDirectory(service)).toBe('completed');
      expect(directory.didOf('+74950000002')?.queueId).toBe('msk-billing');
      expect(directory.didOf('+74950000001')?.queueId).toBe('msk-sales');
      expect(directory.credentialsOf('demo', '1001')?.ha1.MD5).toBe(
        ha1('1001', DEMO_SIP_DOMAIN, 'changed-password', 'MD5'),
      );
      expect(directory.credentialsOf('demo', '1002')?.ha1.MD5).toBe(ha1('1002', DEMO_SIP_DOMAIN, 'demo-1002', 'MD5'));
      expect((await call('GET', 'demo')).body).toMatchObject({ domains: [DEMO_SIP_DOMAIN], realm: DEMO_SIP_DOMAIN });
    });
  });

  describe('REST API', () => {
    beforeAll(async () => {
      expect((await call('PUT', 'acme', { realm: 'acme.example' })).status).toBe(200);
      expect((await call('PUT', 'globex', { realm: 'globex.example' })).status).toBe(200);
    });

    it('gives a domain and a DID to one tenant only', async () => {
      expect((await call('PUT', 'acme/domains/sip.acme.example')).body).toMatchObject({
        domains: ['sip.acme.example'],
      });
      expect(directory.tenantOfDomain('sip.acme.example')).toBe('acme');
      const taken = await call('PUT', 'globex/domains/SIP.ACME.example');
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({ statusCode: 409, error: 'Conflict', code: 'domain-taken', field: 'domain' });

      expect((await call('PUT', 'acme/dids/+12025550100', { branchId: 'dc', queueId: 'sales' })).status).toBe(200);
      const did = await call('PUT', 'globex/dids/+12025550100', { branchId: 'x', queueId: 'y' });
      expect(did.status).toBe(409);
      expect(did.body).toMatchObject({ code: 'did-taken', field: 'number' });
      expect((await call('GET', 'globex/dids/+12025550100')).status).toBe(404);
      expect((await call('GET', 'acme/dids')).body).toEqual([
        { number: '+12025550100', tenantId: 'acme', branchId: 'dc', queueId: 'sales' },
      ]);
      expect((await call('DELETE', 'globex/dids/+12025550100')).status).toBe(404);
      expect((await call('DELETE', 'acme/domains/sip.acme.example')).body).toMatchObject({ domains: [] });
    });

    it('keeps agent passwords only as HA1s for the tenant realm, per tenant', async () => {
      const password = 'acme-secret-1001';
      const put = await call('PUT', 'acme/agents/1001/credentials', { password });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({
        agentId: '1001',
        credentials: { username: '1001', realm: 'acme.example', algorithms: ['SHA-256', 'MD5'] },
        deskPhone: null,
      });
      expect(JSON.stringify(put.body)).not.toContain(password);
      await call('PUT', 'globex/agents/1001/credentials', { password: 'globex-secret-1001' });

      const rows = (await dataSource.query(
        `SELECT * FROM "${SIP_INGRESS_SCHEMA}"."agent_credentials" WHERE "agent_id" = '1001' ORDER BY "tenant_id"`,
      )) as Array<Record<string, unknown>>;
      expect(rows.map((r) => r['tenant_id'])).toEqual(['acme', 'demo', 'globex']);
      expect(JSON.stringify(rows)).not.toContain(password);
      expect(rows[0]['ha1_md5']).toBe(ha1('1001', 'acme.example', password, 'MD5'));
      expect(rows[0]['ha1_sha256']).toBe(ha1('1001', 'acme.example', password, 'SHA-256'));
      expect(directory.credentialsOf('globex', '1001')?.ha1.MD5).toBe(
        ha1('1001', 'globex.example', 'globex-secret-1001', 'MD5'),
      );

      const realm = await call('PUT', 'acme', { realm: 'other.example' });
      expect(realm.status).toBe(409);
      expect(realm.body).toMatchObject({ code: 'realm-in-use', field: 'realm' });

      const phone = await call('PUT', 'acme/agents/1002/desk-phone', { uri: 'sip:1002@192.0.2.10:5060' });
      expect(phone.body).toMatchObject({ agentId: '1002', credentials: null, deskPhone: 'sip:1002@192.0.2.10:5060' });
      expect(directory.deskPhoneOf('acme', '1002')).toBe('sip:1002@192.0.2.10:5060');
      expect(directory.isDeskPhoneSource('192.0.2.10')).toBe(true);
      expect(directory.deskPhoneOf('globex', '1002')).toBeUndefined();

      expect((await call('DELETE', 'acme/agents/1001/credentials')).body).toMatchObject({ credentials: null });
      expect(directory.credentialsOf('acme', '1001')).toBeUndefined();
      expect((await call('DELETE', 'acme/agents/1001/credentials')).status).toBe(404);
      expect((await call('GET', 'acme/agents/1001')).status).toBe(404);
    });

    it('stores the outbound trunk password sealed, never readable in the table or the API', async () => {
      const secret = 'partner-secret-42';
      const put = await call('PUT', 'acme/trunks/partner', {
        kind: 'partner',
        branchId: 'dc',
        allowedSources: ['198.51.100.0/24', '2001:DB8::/32'],
        inboundAuth: { username: 'partner-in', password: 'inbound-secret' },
        outbound: { host: 'sip.partner.example', port: 5070, transport: 'tcp', username: 'acme', password: secret },
        callerNumberRules: [{ prefix: '8', length: 11, strip: 1, add: '+7' }],
        outboundCallerId: { present: 'caller', identity: 'p-asserted-identity', privacy: 'none' },
      });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({
        trunkId: 'partner',
        allowedSources: ['198.51.100.0/24', '2001:db8::/32'],
        inboundAuth: { username: 'partner-in' },
        outbound: { host: 'sip.partner.example', port: 5070, transport: 'tcp', username: 'acme', hasPassword: true },
      });
      expect(JSON.stringify(put.body)).not.toContain(secret);
      expect(JSON.stringify(put.body)).not.toContain('inbound-secret');

      const [row] = (await dataSource.query(
        `SELECT * FROM "${SIP_INGRESS_SCHEMA}"."trunks" WHERE "tenant_id" = 'acme' AND "trunk_id" = 'partner'`,
      )) as Array<Record<string, unknown>>;
      expect(String(row['outbound_password_sealed'])).toMatch(/^v1:/);
      expect(JSON.stringify(row)).not.toContain(secret);
      expect(JSON.stringify(row)).not.toContain('inbound-secret');

      const trunk = directory.trunk('acme', 'partner');
      expect(trunk?.outbound?.auth).toEqual({ username: 'acme', password: secret });
      expect(directory.credentialsOf('acme', 'partner-in')).toMatchObject({ kind: 'trunk', trunkId: 'partner' });
      expect(directory.trunkForSource('198.51.100.77')?.trunkId).toBe('partner');
      expect(directory.trunkForSource('2001:db8::5', 'globex')).toBeUndefined();

      // A PUT without the passwords keeps them; null removes the outbound one.
      const again = await call('PUT', 'acme/trunks/partner', {
        kind: 'partner',
        inboundAuth: { username: 'partner-in' },
        outbound: { host: 'sip.partner.example', port: 5070, username: 'acme' },
      });
      expect(again.body).toMatchObject({ outbound: { hasPassword: true }, branchId: null, allowedSources: [] });
      expect(directory.trunk('acme', 'partner')?.outbound?.auth?.password).toBe(secret);
      expect(directory.credentialsOf('acme', 'partner-in')?.ha1.MD5).toBe(
        ha1('partner-in', 'acme.example', 'inbound-secret', 'MD5'),
      );
      const cleared = await call('PUT', 'acme/trunks/partner', {
        kind: 'partner',
        outbound: { host: 'sip.partner.example', username: 'acme', password: null },
      });
      expect(cleared.body).toMatchObject({ inboundAuth: null, outbound: { hasPassword: false, port: 5060 } });

      expect((await call('GET', 'globex/trunks/partner')).status).toBe(404);
      expect((await call('GET', 'globex/trunks')).body).toEqual([]);
      expect((await call('DELETE', 'acme/trunks/partner')).status).toBe(204);
      expect(directory.trunk('acme', 'partner')).toBeUndefined();
    });

    it('refuses a digest user name that an agent or another trunk has', async () => {
      await call('PUT', 'globex/trunks/pbx', {
        kind: 'pbx',
        inboundAuth: { username: 'pbx', password: 'pbx-password' },
      });
      const clash = await call('PUT', 'globex/trunks/pbx2', {
        kind: 'pbx',
        inboundAuth: { username: '1001', password: 'pbx-password' },
      });
      expect(clash.status).toBe(409);
      expect(clash.body).toMatchObject({ code: 'username-taken', field: 'inboundAuth.username' });
      const agent = await call('PUT', 'globex/agents/pbx/credentials', { password: 'agent-password' });
      expect(agent.body).toMatchObject({ code: 'username-taken', field: 'agentId' });
    });

    it('answers bad input with 400 naming the field, and unknown tenants with 404', async () => {
      const cases: Array<[string, string, unknown, string, string]> = [
        ['PUT', 'acme/dids/74950000001', { branchId: 'a', queueId: 'b' }, 'number', 'invalid-number'],
        ['PUT', 'acme/dids/+74950000009', { branchId: 'a' }, 'queueId', 'missing-field'],
        ['PUT', 'acme/dids/+74950000009', { branchId: 'a', queueId: 'b', ivr: 1 }, 'ivr', 'invalid-field'],
        ['PUT', 'acme/agents/1001/credentials', { password: 'short' }, 'password', 'invalid-password'],
        ['PUT', 'acme/agents/10 01/credentials', { password: 'long-enough' }, 'agentId', 'invalid-id'],
        ['PUT', 'acme/agents/1001/desk-phone', { uri: 'http://x' }, 'uri', 'invalid-uri'],
        ['PUT', 'acme/domains/127.0.0.1', undefined, 'domain', 'invalid-domain'],
        ['PUT', 'acme', { realm: 'has space' }, 'realm', 'invalid-realm'],
        ['PUT', 'acme/trunks/t1', { kind: 'modem' }, 'kind', 'invalid-field'],
        [
          'PUT',
          'acme/trunks/t1',
          { kind: 'carrier', allowedSources: ['10.0.0.0/8', '10.0.0.1/8'] },
          'allowedSources[1]',
          'invalid-address',
        ],
        [
          'PUT',
          'acme/trunks/t1',
          { kind: 'carrier', outbound: { host: 'x.example', port: 70000 } },
          'outbound.port',
          'invalid-field',
        ],
        [
          'PUT',
          'acme/trunks/t1',
          { kind: 'carrier', callerNumberRules: [{ prefix: '8', strip: -1 }] },
          'callerNumberRules[0].strip',
          'invalid-rule',
        ],
        [
          'PUT',
          'acme/trunks/t1',
          { kind: 'carrier', inboundAuth: { username: 'new-user' } },
          'inboundAuth.password',
          'missing-field',
        ],
        [
          'PUT',
          'acme/trunks/t1',
          { kind: 'carrier', outboundCallerId: { present: 'someone' } },
          'outboundCallerId.present',
          'invalid-field',
        ],
      ];
      for (const [method, path, body, field, code] of cases) {
        const response = await call(method, path, body);
        expect({ path, field, status: response.status, body: response.body }).toMatchObject({
          status: 400,
          body: { statusCode: 400, error: 'Bad Request', code, field },
        });
      }
      const unknown = await call('PUT', 'nobody/dids/+74950000009', { branchId: 'a', queueId: 'b' });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ code: 'unknown-tenant', field: 'tenantId' });
      expect((await call('GET', 'nobody')).status).toBe(404);
      expect((await call('GET', 'acme/trunks/none')).body).toMatchObject({ code: 'unknown-trunk' });
    });

    it('picks up changes written by another instance when it refreshes', async () => {
      const before = directory.revision;
      await dataSource.query(
        `INSERT INTO "${SIP_INGRESS_SCHEMA}"."dids" ("number", "tenant_id", "branch_id", "queue_id") VALUES ('+12025550199', 'globex', 'b', 'q')`,
      );
      await dataSource.query(`UPDATE "${SIP_INGRESS_SCHEMA}"."directory_revision" SET "revision" = "revision" + 1`);
      expect(directory.didOf('+12025550199')).toBeUndefined();
      await directory.refresh();
      expect(directory.revision).toBe(before + 1);
      expect(directory.didOf('+12025550199')?.tenantId).toBe('globex');
    });
  });

  it('migrates down and up again', async () => {
    const tables = async () =>
      (
        (await dataSource.query(`SELECT "table_name" FROM "information_schema"."tables" WHERE "table_schema" = $1`, [
          SIP_INGRESS_SCHEMA,
        ])) as Array<{ table_name: string }>
      )
        .map((row) => row.table_name)
        .filter((name) => name !== 'migrations')
        .sort();
    expect(await tables()).toEqual([
      'agent_credentials',
      'desk_phones',
      'dids',
      'directory_revision',
      'domains',
      'tenants',
      'trunks',
    ]);
    await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await tables()).toHaveLength(7);
    await directory.reload();
    expect(directory.revision).toBe(0);
    expect(directory.didOf('+74950000001')).toBeUndefined();
  });
});
