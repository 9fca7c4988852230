import type { HandlerTable } from '../ipc/handler-types';
import type { JobRegistry } from './job-registry';

export function jobHandlers(jobs: JobRegistry): Pick<HandlerTable, 'jobs.get' | 'jobs.cancel'> {
  return {
    'jobs.get': ({ jobId }, { admin }) => jobs.get(jobId, admin.id),
    'jobs.cancel': ({ jobId }, { admin }) => jobs.cancel(jobId, admin),
  };
}
