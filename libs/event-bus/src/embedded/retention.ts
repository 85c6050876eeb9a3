/**
 * Time-based retention, best effort and per segment: the log is one write-ahead log shared by all topics, so a
 * segment is deleted only when EVERY record in it is older than the retention of its topic (a topic without
 * retention keeps its segments forever, and with them the records of other topics stored there). Only a prefix of
 * the log is deleted, never the active segment. Compaction by key is not implemented (`compacted` is stored and
 * reported, but all records are kept).
 */
export class SegmentTimestamps {
  /** segment -> topic -> newest record timestamp of that topic in the segment. */
  private readonly bySegment = new Map<number, Map<string, number>>();

  note(segment: number, topic: string, timestamp: number): void {
    let topics = this.bySegment.get(segment);
    if (!topics) {
      topics = new Map();
      this.bySegment.set(segment, topics);
    }
    const previous = topics.get(topic);
    if (previous === undefined || timestamp > previous) topics.set(topic, timestamp);
  }

  forget(segment: number): void {
    this.bySegment.delete(segment);
  }

  /** The longest prefix of `closedSegments` (oldest first) whose records have all expired. */
  expiredPrefix(closedSegments: number[], retentionOf: (topic: string) => number | undefined, now: number): number[] {
    const expired: number[] = [];
    for (const segment of closedSegments) {
      const topics = this.bySegment.get(segment);
      let deletable = true;
      for (const [topic, newest] of topics ?? []) {
        const retention = retentionOf(topic);
        if (retention === undefined || retention < 0 || newest >= now - retention) {
          deletable = false;
          break;
        }
      }
      if (!deletable) break;
      expired.push(segment);
    }
    return expired;
  }
}
