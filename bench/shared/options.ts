/** A benchmark option from `--name=value` on the command line, else from its environment variable. */
export function option(name: string, envName: string): string | undefined {
  const prefix = `--${name}=`;
  const arg = process.argv.slice(2).find((a) => a.startsWith(prefix));
  return arg ? arg.slice(prefix.length) : process.env[envName];
}

export function positiveOption(name: string, envName: string, fallback: number): number {
  const raw = option(name, envName);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got ${raw}`);
  return value;
}
