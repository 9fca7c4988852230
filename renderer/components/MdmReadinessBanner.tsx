import type { ChannelOutput } from '../../preload/contract';

type MdmReadiness = ChannelOutput<'installs.preview'>['mdm'];

/** Whether the MDM server stops the work a preview describes: it is not set up, or failed its test just now. */
export function mdmBlocks(mdm: MdmReadiness): boolean {
  return mdm.state === 'not-set-up' || mdm.state === 'failing';
}

/** Heads a preview while the MDM server cannot take its commands: the server's own sentence, then what that means here. */
export function MdmReadinessBanner({ mdm, consequence }: { mdm: MdmReadiness; consequence: string }) {
  if (!mdmBlocks(mdm)) return null;
  return (
    <div className="banner banner-warning" role="alert">
      {mdm.state === 'failing' ? <strong>The MDM server failed its test. </strong> : null}
      {mdm.message} {consequence}
    </div>
  );
}
