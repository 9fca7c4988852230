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
    let heardEvent = false;
    const unsubscribe = api.on('jobs.progress', (update) => {
      if (update.id !== initial.id) return;
      heardEvent = true;
      setJob(update);
    });
    // Progress sent before the subscription was made is read once. Events come in order and
    // the last one is the job's end, so once any event arrived this read can only be older.
    void api.jobs.get({ jobId: initial.id }).then((result) => {
      if (result.ok && !heardEvent) setJob(result.value);
    });
    return unsubscribe;
  }, [initial]);
  return job;
}
