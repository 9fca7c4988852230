import { happenedAt } from '../clock/clock-time';
import { DomainError } from '../errors/domain-error';

export interface GoingRun {
  id: string;
  adminName: string | null;
  createdAt: string;
}

/**
 * The refusal of a run that would do again what a run not yet ended is doing: CONFLICT, with
 * that run's id in `details.runId` so the dialog can offer to open it.
 *
 * `what` says what is already going ("Some of these people are already being invited");
 * `open` what opening the run allows. When the run was started at a level the admin does not
 * manage they could not open it, so its id and who started it are left out.
 */
export function runAlreadyGoing(what: string, run: GoingRun, mayOpen: boolean, open: string): DomainError {
  const when = happenedAt(new Date(run.createdAt));
  if (!mayOpen) {
    return new DomainError('CONFLICT', `${what} by a run started at ${when} at a level you do not manage. Try again once it has ended.`);
  }
  const who = run.adminName ? ` by ${run.adminName}` : '';
  return new DomainError('CONFLICT', `${what} by a run started at ${when}${who}. ${open}, or try again once it has ended.`, { runId: run.id });
}
