import type { Writable } from 'node:stream';

/** Where one export is being written, and how to finish it. */
export interface ExportTarget {
  stream: Writable;
  /** Called after the last row: the saved path (desktop) or the download link (browser). */
  finish(): Promise<{ savedTo: string | null; downloadUrl: string | null }>;
  /** Called when writing failed: removes what was written. */
  discard(): Promise<void>;
}

/**
 * Opens a place for an export named `suggestedName`; null when the admin cancelled the
 * save dialog. The desktop shows a save dialog; browser mode offers a download.
 */
export type ExportDestination = (suggestedName: string) => Promise<ExportTarget | null>;
