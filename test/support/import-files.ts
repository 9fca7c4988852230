import type { App } from '../../main/app';
import type { ChannelOutput } from '../../preload/contract';

type Job = ChannelOutput<'jobs.get'>;

/** Roster files as the renderer sends them: names and Base64 bytes. */
export function asUpload(files: Record<string, string>): { name: string; base64: string }[] {
  return Object.entries(files).map(([name, text]) => ({ name, base64: Buffer.from(text, 'utf8').toString('base64') }));
}

/** Resolves when the job's last progress event arrives (it ends succeeded, failed or cancelled). */
export function jobEnd(app: App, jobId: string): Promise<Job> {
  return new Promise((resolve) => {
    const unsubscribe = app.bus.subscribe((name, payload) => {
      const job = payload as Job;
      if (name === 'jobs.progress' && job.id === jobId && job.state !== 'running') {
        unsubscribe();
        resolve(job);
      }
    });
  });
}
