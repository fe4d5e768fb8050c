import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE } from './to-problem';

/**
 * Requests Node's HTTP parser refuses before Express sees them (a path or query with raw, not
 * percent-encoded, UTF-8 bytes; a malformed request line; headers too large) get the same kind of
 * answer as every other refusal: problem+json with a code, instead of Node's bare
 * "400 Bad Request" with no body. The connection is closed after it, as Node does: what follows
 * on it cannot be trusted to start at a request boundary.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? 431 : 400;
    const problem = {
      type: `urn:labour-cases:problem:${tooLarge ? 'headers-too-large' : 'bad-request'}`,
      title: tooLarge ? 'The request headers are too large' : 'Bad request',
      status,
      code: tooLarge ? 'headers_too_large' : 'bad_request',
      detail: tooLarge
        ? 'Send fewer or shorter headers'
        : 'The request line or headers could not be read: percent-encode anything but ASCII in the path and the query (?q=%E7%BD%91%E7%BB%9C, not ?q=网络)',
    };
    const body = JSON.stringify(problem);
    socket.end(
      `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
