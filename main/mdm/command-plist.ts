import { build } from 'plist';
import type { MdmCommand } from './mdm-commands';

/** The command as Apple's protocol carries it: `{Command: {RequestType, ...}, CommandUUID}` in XML plist. */
export function commandPlist(command: MdmCommand): string {
  return build({ Command: { RequestType: command.requestType, ...command.keys }, CommandUUID: command.commandUuid });
}
