import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH } from '../../../preload/contract';
import { MIN_PASSWORD_LENGTH_HINT } from '../../../renderer/components/password-hint';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

describe('the process boundary', () => {
  it('the renderer imports only types from preload, and nothing from main', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles('renderer')) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (/^import .*from '(\.\.\/)+main\//.test(line)) offenders.push(`${file}: ${line}`);
        if (/^import (?!type ).*from '(\.\.\/)+preload\//.test(line)) offenders.push(`${file}: ${line}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("the forms' password hint matches the rule main enforces", () => {
    expect(MIN_PASSWORD_LENGTH_HINT).toBe(MIN_PASSWORD_LENGTH);
  });
});
