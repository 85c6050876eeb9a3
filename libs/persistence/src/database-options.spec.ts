import { databaseOptionsFromUrl, InvalidDatabaseUrlError, redactUrl } from './database-options';
import { assertSchemaName, InvalidSchemaNameError } from './schema-name';

describe('databaseOptionsFromUrl', () => {
  it.each([
    [undefined, { kind: 'pglite', dataDir: './.data/pglite' }],
    ['', { kind: 'pglite', dataDir: './.data/pglite' }],
    ['postgres://cc:secret@db:5432/cc', { kind: 'postgres', url: 'postgres://cc:secret@db:5432/cc' }],
    ['postgresql://db/cc', { kind: 'postgres', url: 'postgresql://db/cc' }],
    ['pglite://./var/cc', { kind: 'pglite', dataDir: './var/cc' }],
    ['pglite:///srv/cc/pglite', { kind: 'pglite', dataDir: '/srv/cc/pglite' }],
    ['pglite://', { kind: 'pglite', dataDir: './.data/pglite' }],
    ['pglite://memory', { kind: 'pglite', dataDir: 'memory://' }],
    ['memory://', { kind: 'pglite', dataDir: 'memory://' }],
  ])('maps %p', (url, expected) => {
    expect(databaseOptionsFromUrl(url)).toEqual(expected);
  });

  it('uses the given folder when DATABASE_URL is unset', () => {
    expect(databaseOptionsFromUrl(undefined, '/tmp/cc')).toEqual({ kind: 'pglite', dataDir: '/tmp/cc' });
  });

  it('refuses other schemes without showing the password', () => {
    expect(() => databaseOptionsFromUrl('mysql://root:hunter2@db/cc')).toThrow(InvalidDatabaseUrlError);
    expect(() => databaseOptionsFromUrl('mysql://root:hunter2@db/cc')).toThrow(/root:\*\*\*@db/);
  });

  it('redacts passwords', () => {
    expect(redactUrl('postgres://cc:secret@db:5432/cc')).toBe('postgres://cc:***@db:5432/cc');
    expect(redactUrl('postgres://db/cc')).toBe('postgres://db/cc');
  });
});

describe('assertSchemaName', () => {
  it.each(['routing', 'crm_sync', '_internal', 'qa2'])('accepts %p', (name) =>
    expect(() => assertSchemaName(name)).not.toThrow(),
  );
  it.each(['Routing', 'crm-sync', '2fa', '', 'a"; drop', 'x'.repeat(64)])('refuses %p', (name) =>
    expect(() => assertSchemaName(name)).toThrow(InvalidSchemaNameError),
  );
});
