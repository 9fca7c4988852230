import { Dialog } from '../../components/Dialog';

/** "Apple says <name> manages this location. Take it over?": asked before a token made active claims a location another MDM holds. */
export function TakeOverDialog({ otherMdm, busy, onTakeOver, onClose }: { otherMdm: string; busy: boolean; onTakeOver(): void; onClose(): void }) {
  return (
    <Dialog title="Take over this location?" onClose={onClose} onSubmit={onTakeOver} submitLabel={busy ? 'Taking over…' : 'Take over'} submitDisabled={busy}>
      <p role="alert">Apple says {otherMdm} manages this location. Take it over?</p>
      <p className="field-hint">
        Only one MDM server should manage a location at a time. Taking it over tells Apple that this app manages it from now on; check with
        whoever runs {otherMdm} first. The takeover is recorded in the audit log.
      </p>
    </Dialog>
  );
}
