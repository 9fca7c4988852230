import type { ChannelOutput } from '../../preload/contract';

type ServerReadiness = ChannelOutput<'installs.preview'>['mdm'];

/** Whether a server stops the work a preview describes: it is not set up, or failed its test just now. */
export function serverBlocks(readiness: ServerReadiness): boolean {
  return readiness.state === 'not-set-up' || readiness.state === 'failing';
}

/** Heads a preview while a server cannot take its part of the work: the server's own sentence, then what that means here. */
export function ServerReadinessBanner({ server, readiness, consequence }: { server: 'MDM server' | 'mail server'; readiness: ServerReadiness; consequence: string }) {
  if (!serverBlocks(readiness)) return null;
  return (
    <div className="banner banner-warning" role="alert">
      {readiness.state === 'failing' ? <strong>The {server} failed its test. </strong> : null}
      {readiness.message} {consequence}
    </div>
  );
}
