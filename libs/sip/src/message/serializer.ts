import { type SipMessage } from './message';

/**
 * Writes a message as bytes: the start line, the headers in their order, Content-Length computed from the body
 * (whatever was stored), an empty line and the body.
 */
export function serializeMessage(message: SipMessage): Buffer {
  let head =
    message.kind === 'request'
      ? `${message.method} ${message.uri} SIP/2.0\r\n`
      : `SIP/2.0 ${message.status} ${message.reason}\r\n`;
  for (const field of message.headers.entries()) {
    const name = field.name.toLowerCase();
    if (name === 'content-length' || name === 'l') continue;
    head += `${field.name}: ${field.value}\r\n`;
  }
  head += `Content-Length: ${message.body.length}\r\n\r\n`;
  if (message.body.length === 0) return Buffer.from(head, 'utf8');
  return Buffer.concat([Buffer.from(head, 'utf8'), message.body]);
}
