import type { Assignment } from '../../apple/model/assignment';
import type { AssetKey } from './asset-key';
import { assetsToReread } from './assignment-reconciliation';
import { readAssetList } from './full-read';
import type { IncrementalMergeStore } from './incremental-merge-store';
import { copyPages, SYNC_PHASES, type SyncReadContext } from './page-copy';

export interface IncrementalRead {
  assignmentsVersion: string | null;
  usersVersion: string | null;
  /** Assets whose assignments were read again in full: their live rows are replaced at the merge. */
  replaced: AssetKey[];
}

export interface SinceVersions {
  assignments: string;
  users: string;
}

/**
 * Reads what changed since the last sync into the staging generation.
 *
 * Changes first, the asset list after them: the counts that reveal removals (see
 * assetsToReread) are then at least as new as the changes they are checked against, so a
 * removal made while this sync runs is caught now rather than at the next sync.
 * A FullSyncRequiredError (9721) from either read goes to the caller, which reads everything.
 */
export async function readChanges(
  context: SyncReadContext,
  since: SinceVersions,
  live: number,
  mergeStore: IncrementalMergeStore,
): Promise<IncrementalRead> {
  const { client, signal, writer, target } = context;
  const writeAssignments = (rows: Assignment[]) => writer.assignments(target, rows);
  const assignmentsVersion = await copyPages(
    context,
    SYNC_PHASES.assignments,
    client.readAssignments({ sinceVersionId: since.assignments }, signal),
    writeAssignments,
  );
  const usersVersion = await copyPages(context, SYNC_PHASES.users, client.readUsers({ sinceVersionId: since.users }, signal), (users) =>
    writer.users(target, users),
  );
  const listed = await readAssetList(context);

  const replaced = assetsToReread(listed, mergeStore.countsAfterMerge(target.serviceId, live, target.generation));
  for (const asset of replaced) {
    writer.forgetAssignmentsOf(target, asset);
    await copyPages(
      context,
      SYNC_PHASES.assignments,
      client.readAssignments({ adamId: asset.adamId, pricingParam: asset.pricing }, signal),
      writeAssignments,
    );
  }
  return { assignmentsVersion, usersVersion, replaced };
}
