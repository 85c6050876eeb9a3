import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ProducerFencedError } from '../log/errors';
import { EmbeddedEventLog } from './embedded-event-log';

const INPUT = 'cc.routing.log.v1';
const OUTPUT = 'cc.acd.offers.v1';

describe('EmbeddedEventLog transactions', () => {
  let dir: string;
  let log: EmbeddedEventLog;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-txn-'));
    log = new EmbeddedEventLog({ dataDir: dir });
    await log.connect();
    await log.ensureTopics([
      { name: INPUT, partitions: 1 },
      { name: OUTPUT, partitions: 2 },
    ]);
  });

  afterEach(async () => {
    await log.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('makes records and offsets visible together on commit, and nothing on abort', async () => {
    const producer = await log.transactionalProducer('acd-0');
    const aborted = await producer.begin();
    await aborted.append([{ topic: OUTPUT, key: 'call-1', value: Buffer.from('aborted') }]);
    await aborted.commitOffsets('acd', [{ topic: INPUT, partition: 0, offset: 5 }]);
    await aborted.abort();
    expect((await log.groupLag('acd', [OUTPUT])).reduce((n, l) => n + l.endOffset, 0)).toBe(0);
    expect((await log.groupLag('acd', [INPUT]))[0].committedOffset).toBe(-1);

    const txn = await producer.begin();
    await txn.append([
      { topic: OUTPUT, key: 'call-1', value: Buffer.from('one') },
      { topic: OUTPUT, key: 'call-2', value: Buffer.from('two') },
    ]);
    await txn.commitOffsets('acd', [{ topic: INPUT, partition: 0, offset: 7 }]);
    expect((await log.groupLag('acd', [OUTPUT])).reduce((n, l) => n + l.endOffset, 0)).toBe(0);
    await txn.commit();
    expect((await log.groupLag('acd', [OUTPUT])).reduce((n, l) => n + l.endOffset, 0)).toBe(2);
    expect((await log.groupLag('acd', [INPUT]))[0].committedOffset).toBe(7);

    await log.close();
    log = new EmbeddedEventLog({ dataDir: dir });
    expect((await log.groupLag('acd', [INPUT]))[0].committedOffset).toBe(7);
    expect((await log.groupLag('acd', [OUTPUT])).reduce((n, l) => n + l.endOffset, 0)).toBe(2);
  });

  it('fences an older producer with the same id, also across a restart', async () => {
    const old = await log.transactionalProducer('acd-0');
    const pending = await old.begin();
    await pending.append([{ topic: OUTPUT, key: 'k', value: Buffer.from('zombie') }]);
    const current = await log.transactionalProducer('acd-0');
    await expect(pending.commit()).rejects.toBeInstanceOf(ProducerFencedError);
    const again = await old.begin();
    await expect(again.commit()).rejects.toBeInstanceOf(ProducerFencedError);
    const txn = await current.begin();
    await txn.append([{ topic: OUTPUT, key: 'k', value: Buffer.from('ok') }]);
    await txn.commit();

    await log.close();
    log = new EmbeddedEventLog({ dataDir: dir });
    const afterRestart = await log.transactionalProducer('acd-0');
    await expect(current.begin()).rejects.toThrow(); // the old log instance is closed anyway
    expect(log.producerEpoch('acd-0')).toBe(3);
    await afterRestart.close();
  });
});
