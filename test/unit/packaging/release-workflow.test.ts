import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const text = readFileSync('.github/workflows/release.yml', 'utf8');
const workflow = parse(text);
const job = workflow.jobs.dist;
const runs = (job.steps as { run?: string }[]).map((step) => step.run ?? '').join('\n');

describe('the release workflow', () => {
  it('builds on hosted macOS, Windows and Linux runners with Node 20', () => {
    expect(job.strategy.matrix.os).toEqual(['macos-latest', 'windows-latest', 'ubuntu-latest']);
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect(job.steps).toContainEqual(expect.objectContaining({ uses: 'actions/setup-node@v4', with: expect.objectContaining({ 'node-version': 20 }) }));
  });

  it('installs with the real Electron download and runs npm run dist', () => {
    expect(text).not.toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
    expect(runs).toMatch(/^npm ci$/m);
    expect(runs).toMatch(/^npm run dist\b/m);
  });

  it('takes every signing and notarization value from GitHub secrets', () => {
    const env = (job.steps as { env?: Record<string, string> }[]).find((step) => step.env)!.env!;
    for (const [name, value] of Object.entries(env)) expect(value, name).toMatch(/^\$\{\{ .*secrets\.[A-Z0-9_]+.* \}\}$/);
  });

  it('uploads the installers', () => {
    const upload = (job.steps as { uses?: string; with?: { path: string } }[]).find((step) => step.uses?.startsWith('actions/upload-artifact'));
    expect(upload?.with?.path).toMatch(/release\/\*\.dmg[\s\S]*release\/\*\.exe[\s\S]*release\/\*\.AppImage[\s\S]*release\/\*\.deb/);
  });
});
