/** NanoMDM's push error for an id it holds no push token for. */
const NO_PUSH_TOKEN = 'push data missing for id';

/**
 * The admin's sentence for a command the MDM server queued but whose wake-up push failed.
 *
 * The two causes NanoMDM reports most are named: a device that is not (or no longer)
 * enrolled, and a server without a working APNs certificate, which reaches no device at all.
 */
export function notReachedReason(pushError: string): string {
  const cause =
    pushError === NO_PUSH_TOKEN
      ? ' The MDM server has no push token for this device: it is not enrolled, or no longer is.'
      : /push cert/i.test(pushError)
        ? ' The MDM server has no working APNs push certificate: upload or renew it on the server.'
        : '';
  return `Queued, not reached: ${pushError.replace(/\.$/, '')}.${cause} The command waits on the server; Retry wakes the device again.`;
}
