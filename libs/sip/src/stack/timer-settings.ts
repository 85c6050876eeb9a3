/** RFC 3261 §17 timer values, ms. */
export interface SipTimerSettings {
  /** Round-trip estimate: first retransmission interval. */
  t1: number;
  /** Longest retransmission interval of non-INVITE requests and INVITE responses. */
  t2: number;
  /** Longest time a message stays in the network. */
  t4: number;
}

export const DEFAULT_TIMERS: SipTimerSettings = { t1: 500, t2: 4000, t4: 5000 };
