import { CompressionTypes } from 'kafkajs';
import { encodeProduceRequest, type ProduceRequestData } from './produce-request-encoder';

/**
 * Puts the one-buffer Produce encoder (produce-request-encoder.ts) under kafkajs. kafkajs has no public hook for
 * request encoding; its brokers look the Produce request up in the protocol table `requests/produce` at every call,
 * so the table's `protocol` is wrapped there: for the versions that share the record batch format (3 to 7; kafkajs
 * implements none newer) and uncompressed batches, the request keeps everything kafkajs built (api key and version,
 * response parser) except `encode`. Anything else (compression, older brokers) stays with kafkajs's own encoder.
 *
 * This reaches into kafkajs's internals, which is why the dependency is pinned to an exact version and the unit test
 * compares both encoders byte for byte on that version.
 */

interface KafkaJsEncoder {
  buf: Buffer;
  offset: number;
}

type KafkaJsEncoderClass = new (initialSize?: number) => KafkaJsEncoder;

interface ProduceRequestDefinition {
  request: { apiVersion: number; encode: () => Promise<KafkaJsEncoder> };
  response: unknown;
}

type ProduceArguments = ProduceRequestData & { compression?: number };
type ProduceRequestFactory = (args: ProduceArguments) => ProduceRequestDefinition;

interface ProduceProtocolTable {
  versions: string[];
  protocol: (options: { version: number }) => ProduceRequestFactory | undefined;
  [INSTALLED]?: true;
}

const INSTALLED = Symbol.for('cc.event-bus.kafkajs-produce-encoding');
const FIRST_VERSION = 3;
const LAST_VERSION = 7;
export const KAFKAJS_PRODUCE_TABLE = 'kafkajs/src/protocol/requests/produce';
const KAFKAJS_ENCODER = 'kafkajs/src/protocol/encoder';

/** Idempotent: every KafkaEventLog calls it; the table is wrapped once per loaded kafkajs. */
export function installProduceEncoding(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const table = require(KAFKAJS_PRODUCE_TABLE) as ProduceProtocolTable;
  if (table[INSTALLED]) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Encoder = require(KAFKAJS_ENCODER) as KafkaJsEncoderClass;
  const original = table.protocol;
  table.protocol = (options) => {
    const factory = original(options);
    if (!factory || options.version < FIRST_VERSION || options.version > LAST_VERSION) return factory;
    return (args) => {
      const definition = factory(args);
      if ((args.compression ?? CompressionTypes.None) === CompressionTypes.None) {
        definition.request.encode = async () => asKafkaJsEncoder(Encoder, encodeProduceRequest(args));
      }
      return definition;
    };
  };
  table[INSTALLED] = true;
}

/** kafkajs's request framing copies `buf` up to `offset` from the encoder it is given. */
function asKafkaJsEncoder(Encoder: KafkaJsEncoderClass, body: Buffer): KafkaJsEncoder {
  const encoder = new Encoder(0);
  encoder.buf = body;
  encoder.offset = body.length;
  return encoder;
}
