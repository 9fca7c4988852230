import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { SecureContext } from 'node:tls';

export interface MdmHttpCall {
  method: 'GET' | 'PUT';
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** The authorities https:// is verified against; see TrustStore. */
  secureContext: () => SecureContext;
}

export interface MdmHttpAnswer {
  status: number;
  text: string;
}

/** The deadline of a whole call passed; `name` as fetch's AbortSignal.timeout names it. */
export class MdmTimeoutError extends Error {
  override readonly name = 'TimeoutError';
}

/**
 * One HTTP call to the MDM server, verified against the computer's trusted authorities.
 *
 * Node's fetch cannot be given authorities of its own without undici, so this uses
 * http(s).request. A fresh connection per call (no keep-alive agent): calls are few, and a
 * server or key changed in Settings is met on a new connection.
 */
export function mdmHttp(url: URL, call: MdmHttpCall): Promise<MdmHttpAnswer> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const headers = { ...call.headers, ...(call.body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(call.body)) }) };
    const options = { method: call.method, headers, agent: false as const, ...(secure ? { secureContext: call.secureContext() } : {}) };
    const req = (secure ? httpsRequest : httpRequest)(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        clearTimeout(deadline);
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', fail);
    });
    const deadline = setTimeout(() => req.destroy(new MdmTimeoutError(`No answer within ${call.timeoutMs} ms`)), call.timeoutMs);
    function fail(error: Error) {
      clearTimeout(deadline);
      reject(error);
    }
    req.on('error', fail);
    req.end(call.body);
  });
}
