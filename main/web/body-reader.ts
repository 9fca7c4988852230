import type { IncomingMessage } from 'node:http';
import type { ByteBudget } from './body-budget';

export type BodyRead =
  | { kind: 'read'; text: string; /** Gives the body's bytes back to the budget once the call is answered. */ release(): void }
  | { kind: 'tooLarge' }
  | { kind: 'busy' }
  | { kind: 'aborted' };

/**
 * Reads a request body of at most `maxBytes`, holding its bytes in `budget` until released.
 *
 * The declared Content-Length is taken from the budget before the first byte is read, so a
 * body that cannot fit is refused whole instead of half-read. A refused body is still read to
 * its end and dropped, so the client gets the answer rather than a reset connection.
 */
export function readBody(req: IncomingMessage, maxBytes: number, budget: ByteBudget): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let outcome: 'read' | 'tooLarge' | 'busy' = 'read';
    let held = 0;
    let size = 0;
    const refuse = (why: 'tooLarge' | 'busy') => {
      outcome = why;
      chunks.length = 0;
      budget.give(held);
      held = 0;
    };

    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) refuse('tooLarge');
    else if (declared > 0 && !budget.take(declared)) refuse('busy');
    else held = declared;

    req.on('data', (chunk: Buffer) => {
      if (outcome !== 'read') return;
      size += chunk.length;
      if (size > maxBytes) return refuse('tooLarge');
      if (size > held) {
        if (!budget.take(size - held)) return refuse('busy');
        held = size;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (outcome !== 'read') return resolve({ kind: outcome });
      let released = false;
      const text = Buffer.concat(chunks).toString('utf8');
      chunks.length = 0;
      resolve({
        kind: 'read',
        text,
        release: () => {
          if (released) return;
          released = true;
          budget.give(held);
        },
      });
    });
    // A timed-out or dropped upload never ends: its bytes go back here.
    req.on('close', () => {
      if (req.complete) return;
      budget.give(held);
      held = 0;
      resolve({ kind: 'aborted' });
    });
  });
}
