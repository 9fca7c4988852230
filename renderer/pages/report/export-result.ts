import type { ChannelOutput } from '../../../preload/contract';

/** After an export: start the browser download, or say where the desktop saved the file. */
export function finishExport(result: ChannelOutput<'report.export'>): string | null {
  if (result.downloadUrl) {
    const link = document.createElement('a');
    link.href = result.downloadUrl;
    link.download = '';
    document.body.append(link);
    link.click();
    link.remove();
    return `Exported ${result.rows.toLocaleString()} rows.`;
  }
  if (result.savedTo) return `Exported ${result.rows.toLocaleString()} rows to ${result.savedTo}.`;
  return null;
}
