export class InvalidSchemaNameError extends Error {
  constructor(readonly schema: string) {
    super(
      `"${schema}" cannot be used as a database schema name: use lower-case letters, digits and underscores, ` +
        `starting with a letter or underscore, at most 63 characters (e.g. "routing", "crm_sync").`,
    );
    this.name = 'InvalidSchemaNameError';
  }
}

/** Schema names are plain lower-case identifiers, so they never need quoting in SQL or in `search_path`. */
export function assertSchemaName(schema: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new InvalidSchemaNameError(schema);
}
