/**
 * Contact-centre simulator: drives the real routing engine (@cc/acd) with simulated callers and agents.
 *
 *   npm run sim -- --scenario=demo|strategies|overflow|ewt|all [--hours=2] [--seed=1] [--brief]
 *
 * Prints a report per scenario; exits with 1 when an invariant breaks or the engine refuses a valid command.
 */
import { formatOutcome, SCENARIOS } from './scenarios';

interface CliOptions {
  scenarios: string[];
  hours: number;
  seed: number;
  details: boolean;
}

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv
    .slice(2)
    .find((arg) => arg.startsWith(prefix))
    ?.slice(prefix.length);
}

function parseOptions(): CliOptions {
  const known = new Set(['scenario', 'hours', 'seed', 'brief', 'help']);
  for (const arg of process.argv.slice(2)) {
    const name = arg.replace(/^--/, '').split('=')[0];
    if (!arg.startsWith('--') || !known.has(name)) throw new Error(`unknown argument ${arg}; see --help`);
  }
  const scenario = option('scenario') ?? 'demo';
  const scenarios = scenario === 'all' ? Object.keys(SCENARIOS) : scenario.split(',');
  for (const name of scenarios) {
    if (SCENARIOS[name] === undefined)
      throw new Error(`unknown scenario "${name}"; one of: ${Object.keys(SCENARIOS).join(', ')}, all`);
  }
  const hours = Number(option('hours') ?? 2);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24)
    throw new Error(`--hours must be in (0, 24], got ${option('hours')}`);
  const seed = Number(option('seed') ?? 1);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got ${option('seed')}`);
  return { scenarios, hours, seed, details: !process.argv.includes('--brief') };
}

function main(): void {
  if (process.argv.includes('--help')) {
    process.stdout.write(
      'usage: npm run sim -- --scenario=<name|all> [--hours=2] [--seed=1] [--brief]\n\n' +
        Object.values(SCENARIOS)
          .map((s) => `  ${s.name.padEnd(11)} ${s.description}`)
          .join('\n') +
        '\n',
    );
    return;
  }
  const options = parseOptions();
  for (const name of options.scenarios) {
    const outcome = SCENARIOS[name].run({ durationMs: Math.round(options.hours * 3_600_000), seed: options.seed });
    process.stdout.write(`${formatOutcome(outcome, options.details)}\n\n`);
  }
}

try {
  main();
} catch (error: unknown) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
