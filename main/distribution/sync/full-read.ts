import type { ListedAsset } from './assignment-reconciliation';
import { copyPages, SYNC_PHASES, type SyncReadContext } from './page-copy';

export interface FullRead {
  assignmentsVersion: string | null;
  usersVersion: string | null;
}

/** Reads the asset list into the target generation, and returns what Apple said each asset has assigned. */
export async function readAssetList(context: SyncReadContext): Promise<ListedAsset[]> {
  const listed: ListedAsset[] = [];
  await copyPages(context, SYNC_PHASES.licenses, context.client.readAssets({}, context.signal), (assets) => {
    context.writer.assets(context.target, assets);
    for (const asset of assets) listed.push({ adamId: asset.adamId, pricing: asset.pricingParam, assigned: asset.assignedCount });
  });
  return listed;
}

/** Reads the whole location into the target generation: every asset, assignment and Apple user. */
export async function readWholeLocation(context: SyncReadContext): Promise<FullRead> {
  const { client, signal, writer, target } = context;
  await readAssetList(context);
  let assignmentsVersion: string | null;
  try {
    // A page at a time into staging tables, one per range of holders, each moved into the cache in one sorted run.
    assignmentsVersion = await copyPages(
      context,
      SYNC_PHASES.assignments,
      client.readAssignments({}, signal),
      (rows, totalPages) => writer.stageAssignments(target, rows, rows.length * totalPages),
      1,
    );
    await writer.moveStagedAssignments(target, signal, context.progress.read(SYNC_PHASES.savingAssignments));
  } finally {
    writer.discardStagedAssignments(target);
  }
  const usersVersion = await copyPages(context, SYNC_PHASES.users, client.readUsers({}, signal), (users) => writer.users(target, users));
  return { assignmentsVersion, usersVersion };
}
