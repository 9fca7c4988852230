import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { SaveDialogOptions, SaveDialogReturnValue } from 'electron';
import type { ExportDestination } from './export-destination';

/** The part of Electron's dialog module an export needs. */
export type ShowSaveDialog = (options: SaveDialogOptions) => Promise<SaveDialogReturnValue>;

/** Desktop exports: the admin picks the file in the system's save dialog; cancelling writes nothing. */
export function saveDialogDestination(showSaveDialog: ShowSaveDialog, defaultFolder: string): ExportDestination {
  return async (suggestedName) => {
    const choice = await showSaveDialog({
      title: 'Export CSV',
      defaultPath: `${defaultFolder}/${suggestedName}`,
      filters: [{ name: 'CSV', extensions: ['csv'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (choice.canceled || !choice.filePath) return null;
    const path = choice.filePath;
    return {
      stream: createWriteStream(path),
      finish: async () => ({ savedTo: path, downloadUrl: null }),
      discard: () => rm(path, { force: true }),
    };
  };
}
