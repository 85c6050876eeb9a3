import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedEventLog } from '../src/embedded';
import { eventLogContract } from './event-log.contract';

const dataDir = mkdtempSync(join(tmpdir(), 'cc-embedded-contract-'));

eventLogContract({
  name: 'embedded durable log',
  sessionTimeoutMs: 1_500,
  restartable: true,
  open: async () => {
    const log = new EmbeddedEventLog({ dataDir, defaultSessionTimeoutMs: 1_500 });
    await log.connect();
    return log;
  },
  cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
});
