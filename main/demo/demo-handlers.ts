import { DomainError } from '../errors/domain-error';
import type { HandlerTable } from '../ipc/handler-types';
import type { DemoControl } from './app-host';

/** Demo mode in and out; only an app running inside an AppHost can switch. */
export function demoHandlers(demo: DemoControl | undefined): Pick<HandlerTable, 'demo.start' | 'demo.exit'> {
  const host = () => {
    if (!demo) throw new DomainError('CONFLICT', 'The sample district is not available in this window.');
    return demo;
  };
  return {
    'demo.start': (_input, { clientId }) => host().start(clientId),
    'demo.exit': async () => {
      await host().exit();
      return {};
    },
  };
}
