/** Latency samples in milliseconds and their percentiles (nearest-rank). */
export class LatencyRecorder {
  private samples: number[] = [];
  private sorted = true;

  record(ms: number): void {
    this.samples.push(ms);
    this.sorted = false;
  }

  get count(): number {
    return this.samples.length;
  }

  /** The p-th percentile (0 < p <= 100) by the nearest-rank method; NaN without samples. */
  percentile(p: number): number {
    if (this.samples.length === 0) return Number.NaN;
    if (!this.sorted) {
      this.samples.sort((a, b) => a - b);
      this.sorted = true;
    }
    const rank = Math.ceil((p / 100) * this.samples.length);
    return this.samples[Math.min(this.samples.length, Math.max(1, rank)) - 1];
  }

  summary(): LatencySummary {
    return {
      count: this.count,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      max: this.percentile(100),
    };
  }
}

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}
