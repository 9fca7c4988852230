import { DomainError } from '../errors/domain-error';
import type { HandlerTable } from '../ipc/handler-types';
import type { DemoControl } from './app-host';

/** A sample district for the calling window or tab, in and out; only an app inside an AppHost has one. */
export function demoHandlers(demo: DemoControl | undefined): Pick<HandlerTable, 'demo.start' | 'demo.exit'> {
  const host = () => {
    if (!demo) throw new DomainError('CONFLICT', 'The sample district is not available in this window.');
    return demo;
  };
  return {
    'demo.start': (_input, { clientId }) => host().start(clientId),
    'demo.exit': async (_input, { clientId }) => {
      await host().exit(clientId);
      return {};
    },
  };
}
