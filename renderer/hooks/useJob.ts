import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../preload/contract';
import { api } from '../bridge/api';

export type JobState = ChannelOutput<'jobs.get'>;

/** Follows one job's progress events from the moment it started. */
export function useJob(initial: JobState | null): JobState | null {
  const [job, setJob] = useState(initial);
  useEffect(() => {
    setJob(initial);
    if (!initial) return;
    const unsubscribe = api.on('jobs.progress', (update) => {
      if (update.id === initial.id) setJob(update);
    });
    // Progress sent before the subscription was made is read once.
    void api.jobs.get({ jobId: initial.id }).then((result) => {
      if (result.ok) setJob((current) => (current && current.done > result.value.done ? current : result.value));
    });
    return unsubscribe;
  }, [initial]);
  return job;
}
