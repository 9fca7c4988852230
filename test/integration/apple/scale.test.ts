import { describe, expect, it } from 'vitest';
import { startSandboxHarness } from '../../support/apple/sandbox-harness';

describe('the sandbox at benchmark scale', () => {
  it('holds 1,000,000 assignments and 100,000 users in modest memory and pages through them', async () => {
    const { client, sandbox, location } = await startSandboxHarness();
    const memory = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const before = memory();
    const started = performance.now();
    const counts = sandbox.generate(location.id, { seed: 42, apps: 400, users: 100_000, assignments: 1_000_000 });
    const generatedIn = performance.now() - started;
    const growth = memory() - before;

    expect(counts).toMatchObject({ users: 100_000, assignments: 1_000_000 });
    // Typed columns live outside the JS heap, so array buffers are counted too.
    expect(growth).toBeLessThan(250 * 1024 * 1024);
    expect(generatedIn).toBeLessThan(5_000);

    const pages = client.readAssignments({ adamId: sandbox.assetsOf(location.id)[0]?.adamId ?? '' });
    let rows = 0;
    for await (const page of pages) rows += page.items.length;
    expect(rows).toBe(sandbox.assetsOf(location.id)[0]?.assignedCount);

    let first;
    for await (const page of client.readAssignments()) {
      first = page;
      break;
    }
    expect(first).toMatchObject({ pageIndex: 0, totalPages: 1000 });
    expect(first?.items).toHaveLength(1000);
  });
});
