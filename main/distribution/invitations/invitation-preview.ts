import { decide, skipReasons, type Candidate, type Decision, type InvitationOptions, type SkipReason } from './invitation-eligibility';

const SAMPLE_SIZE = 5;

export interface InvitationPreview {
  /** People who get at least one invitation. */
  users: number;
  byEmail: number;
  /** People reached on a device; `devices` counts the devices. */
  byDevice: number;
  devices: number;
  /** People with a Managed Apple Account, registered with Apple directly and never emailed. */
  registeredDirectly: number;
  skipped: { reason: SkipReason; label: string; count: number; sample: string[] }[];
}

/** Each candidate with the decision about them. */
export function decideAll(candidates: readonly Candidate[], options: InvitationOptions): { candidate: Candidate; decision: Decision }[] {
  return candidates.map((candidate) => ({ candidate, decision: decide(candidate, options) }));
}

/**
 * What Invite Users would do, before it does it: how many it reaches per channel, how many
 * it registers directly (counted apart: they get no invitation), and who it leaves out and
 * why, with a few names so the admin can check a reason against a person.
 */
export function summarize(decided: readonly { candidate: Candidate; decision: Decision }[]): InvitationPreview {
  const preview: InvitationPreview = { users: 0, byEmail: 0, byDevice: 0, devices: 0, registeredDirectly: 0, skipped: [] };
  const skipped = new Map<SkipReason, { count: number; sample: string[] }>();
  for (const { candidate, decision } of decided) {
    if (decision.kind === 'register') {
      preview.registeredDirectly++;
      continue;
    }
    if (decision.kind === 'invite') {
      preview.users++;
      if (decision.email !== null) preview.byEmail++;
      if (decision.deviceUdids.length > 0) preview.byDevice++;
      preview.devices += decision.deviceUdids.length;
      continue;
    }
    const entry = skipped.get(decision.reason) ?? { count: 0, sample: [] };
    entry.count++;
    if (entry.sample.length < SAMPLE_SIZE) entry.sample.push(candidate.name);
    skipped.set(decision.reason, entry);
  }
  preview.skipped = [...skipped].map(([reason, entry]) => ({ reason, label: skipReasons[reason], ...entry })).sort((a, b) => b.count - a.count);
  return preview;
}
