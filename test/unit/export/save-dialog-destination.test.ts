import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writeCsv } from '../../../main/distribution/report/csv-writer';
import { saveDialogDestination } from '../../../main/export/save-dialog-destination';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

describe('desktop export through the save dialog', () => {
  it('writes to the file the admin chose and says where', async () => {
    const path = join(tempDir(), 'mine.csv');
    const showSaveDialog = vi.fn(async () => ({ canceled: false, filePath: path }));
    const target = (await saveDialogDestination(showSaveDialog, '/Users/ada/Documents')('licenses.csv'))!;
    expect(showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: '/Users/ada/Documents/licenses.csv' }));
    await writeCsv(target.stream, ['A'], [['1']]);
    expect(await target.finish()).toEqual({ savedTo: path, downloadUrl: null });
    expect(readFileSync(path, 'utf8')).toBe('\uFEFFA\r\n1\r\n');
  });

  it('writes nothing when the admin cancels', async () => {
    const destination = saveDialogDestination(async () => ({ canceled: true, filePath: '' }), '/tmp');
    expect(await destination('licenses.csv')).toBeNull();
  });

  it('removes a half-written file', async () => {
    const path = join(tempDir(), 'half.csv');
    const target = (await saveDialogDestination(async () => ({ canceled: false, filePath: path }), '/tmp')('x.csv'))!;
    target.stream.end('partial');
    await new Promise((resolve) => target.stream.on('finish', resolve));
    await target.discard();
    expect(existsSync(path)).toBe(false);
  });
});
