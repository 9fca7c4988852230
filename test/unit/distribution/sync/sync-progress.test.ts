import { describe, expect, it } from 'vitest';
import { phaseLabel, SyncProgress } from '../../../../main/distribution/sync/sync-progress';

function recorded() {
  const reports: [string, number, number][] = [];
  return { reports, progress: new SyncProgress((phase, done, total) => reports.push([phase, done, total])) };
}

describe('sync progress', () => {
  it('counts pages done over pages known, the total growing as each read tells its size', () => {
    const { reports, progress } = recorded();
    const licenses = progress.read('Licenses');
    licenses.page(1, 40);
    licenses.end();
    const assignments = progress.read('Assignments');
    assignments.page(3, 1000);
    assignments.page(3, 1000);
    assignments.page(3, 500);
    assignments.end();
    expect(reports).toEqual([
      ['Licenses · 40 rows', 1, 1],
      ['Assignments · 1,000 rows', 2, 4],
      ['Assignments · 2,000 rows', 3, 4],
      ['Assignments · 2,500 rows', 4, 4],
    ]);
  });

  it('a read that ends early gives back the pages it announced; an empty read still counts its one page', () => {
    const { reports, progress } = recorded();
    const users = progress.read('Users');
    users.page(5, 100);
    users.page(5, 100);
    users.end();
    const names = progress.read('App names');
    names.page(0, 0);
    names.end();
    expect(reports.at(-1)).toEqual(['App names · 0 rows', 3, 3]);
    expect(progress.rowsOf('Users')).toBe(200);
  });

  it('a read that grows while paging raises the total instead of running past it', () => {
    const { reports, progress } = recorded();
    const read = progress.read('Assignments');
    read.page(1, 10);
    read.page(2, 10);
    expect(reports.map(([, done, total]) => [done, total])).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });

  it('labels a phase with its rows', () => {
    expect(phaseLabel('Users', 1)).toBe('Users · 1 row');
    expect(phaseLabel('Assignments', 1_000_000)).toBe('Assignments · 1,000,000 rows');
  });
});
