import { type EventDefinition } from '@cc/contracts';
import { randomUUID } from 'node:crypto';

/** A small event used by the contract suite; JSON payload keeps the suite independent of real contracts. */
export interface Ping {
  key: string;
  seq: number;
  note?: string;
}

export function pingEvent(topic: string, type = 'cc.test.v1.Ping'): EventDefinition<Ping> {
  return {
    type,
    topic,
    encode: (data) => Buffer.from(JSON.stringify(data)),
    decode: (bytes) => {
      const data = JSON.parse(Buffer.from(bytes).toString('utf8')) as Ping;
      if (typeof data.seq !== 'number') throw new Error('seq missing');
      return data;
    },
    protoName: type,
    subject: (data) => `${data.key}/${data.seq}`,
    key: (data) => data.key,
  };
}

export const uniqueTopic = (name: string) => `cc.test.${name}-${randomUUID().slice(0, 8)}.v1`;

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
