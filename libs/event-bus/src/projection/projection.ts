import { type DataSource, type EntityManager } from 'typeorm';
import { type ConsumedEvent } from '../bus/consumed-event';
import { deadLetterRecord } from '../bus/dead-letter';
import { type EventBus } from '../bus/event-bus';
import { type Subscription, type SubscriptionOptions } from '../bus/subscription';
import { type OutgoingRecord } from '../log/event-log';
import { schemaOfDataSource } from './projection-offsets.migration';

export interface ProjectionOptions extends SubscriptionOptions {
  dataSource: DataSource;
  /** Writes the event's effect with the given manager: it is inside the transaction that also stores the offset. */
  apply(event: ConsumedEvent, manager: EntityManager): Promise<void>;
}

/**
 * Exactly-once effects in Postgres: each batch is applied in one transaction that also moves the group's stored
 * offset. Records below the stored offset were applied already (a redelivery after a crash or rebalance) and are
 * skipped, so a redelivery never applies twice. The log's own commit afterwards only saves re-reading.
 * Records that cannot be decoded or that `apply` rejects (NonRetryableError) are dead-lettered before the
 * transaction commits, so none is lost; each event's work runs under a savepoint so a rejected one leaves no rows.
 */
export async function startProjection(bus: EventBus, options: ProjectionOptions): Promise<Subscription> {
  const { dataSource, apply, groupId } = options;
  const schema = schemaOfDataSource(dataSource);
  const offsets = `"${schema}"."projection_offsets"`;

  return bus.consume({ ...options, retry: { maxAttempts: 10, ...options.retry } }, async (batch, tools) => {
    let last = -1;
    await dataSource.transaction(async (manager) => {
      const rows: Array<{ next_offset: string }> = await manager.query(
        `SELECT next_offset FROM ${offsets} WHERE group_id = $1 AND topic = $2 AND partition = $3 FOR UPDATE`,
        [groupId, batch.topic, batch.partition],
      );
      const applied = rows.length > 0 ? Number(rows[0].next_offset) : 0;
      const letters: OutgoingRecord[] = [];
      let savepoint = 0;
      for (const record of batch.records) {
        if (record.offset < applied) continue;
        const name = `event_${++savepoint}`;
        const outcome = await tools.processor.process(record, batch, async (event) => {
          await manager.query(`SAVEPOINT ${name}`);
          try {
            await apply(event, manager);
            await manager.query(`RELEASE SAVEPOINT ${name}`);
          } catch (error) {
            await manager.query(`ROLLBACK TO SAVEPOINT ${name}`);
            throw error;
          }
        });
        if (outcome.kind === 'revoked') throw new Error(`${batch.topic}[${batch.partition}] was revoked mid-batch`);
        if (outcome.kind === 'dead-letter') letters.push(deadLetterRecord(record, outcome.letter));
        last = record.offset;
      }
      if (last < 0) return;
      await tools.deadLetter(letters);
      await manager.query(
        `INSERT INTO ${offsets} (group_id, topic, partition, next_offset, updated_at) VALUES ($1, $2, $3, $4, now())
         ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()`,
        [groupId, batch.topic, batch.partition, last + 1],
      );
    });
    const next = last >= 0 ? last + 1 : batch.records[batch.records.length - 1].offset + 1;
    await tools.commit([{ topic: batch.topic, partition: batch.partition, offset: next }]);
  });
}

/** Where a projection stands: the next offset it will apply per partition (for rebuild checks and lag). */
export async function projectionPositions(
  dataSource: DataSource,
  groupId: string,
): Promise<Array<{ topic: string; partition: number; nextOffset: number }>> {
  const schema = schemaOfDataSource(dataSource);
  const rows: Array<{ topic: string; partition: number; next_offset: string }> = await dataSource.query(
    `SELECT topic, partition, next_offset FROM "${schema}"."projection_offsets" WHERE group_id = $1 ORDER BY topic, partition`,
    [groupId],
  );
  return rows.map((r) => ({ topic: r.topic, partition: Number(r.partition), nextOffset: Number(r.next_offset) }));
}
