import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, toProblem } from './to-problem';

/**
 * Requests Node's HTTP parser refuses before Express sees them (a path or query with raw, not
 * percent-encoded, UTF-8 bytes; a malformed request line; headers too large) get the same kind of
 * answer as every other refusal, made by the same table (toProblem): problem+json with a code,
 * instead of Node's bare "400 Bad Request" with no body. The connection is closed after it, as
 * Node does: what follows on it cannot be trusted to start at a request boundary.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const refusal =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? { code: 'headers_too_large', message: 'Send fewer or shorter headers' }
        : {
            code: 'bad_request',
            message: 'The request line or headers could not be read: percent-encode anything but ASCII in the path and the query (?q=%E7%BD%91%E7%BB%9C, not ?q=网络)',
          };
    const { problem } = toProblem(Object.assign(new Error(refusal.message), { code: refusal.code }));
    const body = JSON.stringify(problem);
    socket.end(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
