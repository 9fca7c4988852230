import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { answerApiRequest } from './sandbox-api-answer';
import { SandboxAppleError } from './sandbox-apple-error';
import { answerControl } from './sandbox-control';
import { answerWithFault } from './sandbox-fault-answer';
import { sendJson } from './sandbox-response';
import { endpointPath, sandboxRoutes } from './sandbox-routes';
import type { SandboxWorld } from './sandbox-world';

const maxBodyBytes = 10 * 1024 * 1024;

/** The HTTP face of the sandbox: Apple's endpoints, the lookup, and the sandbox controls. */
export function createSandboxServer(world: SandboxWorld): Server {
  return createServer((request, response) => {
    void serve(world, request, response);
  });
}

async function serve(world: SandboxWorld, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const method = request.method ?? 'GET';
  try {
    if (url.pathname.startsWith('/sandbox/')) {
      answerControl(world, method, url, await readBody(request), response);
      return;
    }
    const route = sandboxRoutes[url.pathname];
    if (!route) {
      sendJson(response, 404, { error: 'Not found' });
      return;
    }
    world.traffic.begin();
    response.once('close', () => world.traffic.end());
    const bodyText = await readBody(request);
    const path = endpointPath(url.pathname);
    world.traffic.record({ method, path, query: Object.fromEntries(url.searchParams), body: recordedBody(bodyText) });
    const fault = world.faults.take(path);
    if (fault && (await answerWithFault(fault, request, response))) return;
    sendJson(response, 200, answerApiRequest(world, route, { method, headers: request.headers, query: url.searchParams, bodyText }));
  } catch (error) {
    // A crash inside the sandbox is a bug to see, not an Apple outage to simulate quietly.
    if (!(error instanceof SandboxAppleError)) console.error('Apple sandbox: unexpected failure', error);
    if (response.headersSent || response.destroyed) return;
    const failure = error instanceof SandboxAppleError ? error : new SandboxAppleError(500, 9603);
    sendJson(response, failure.httpStatus, { errorNumber: failure.errorNumber, errorMessage: failure.message });
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new SandboxAppleError(413, 9602);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function recordedBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
