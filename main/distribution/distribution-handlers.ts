import type { HandlerTable } from '../ipc/handler-types';
import type { ServiceCatalog } from './service-catalog';
import type { TokenService } from './token-service';

type DistributionChannels =
  | 'services.list'
  | 'services.create'
  | 'services.usableTokens'
  | 'tokens.add'
  | 'tokens.cancelCheck'
  | 'tokens.makeActive'
  | 'tokens.recheck'
  | 'tokens.reveal'
  | 'tokens.remove';

export function distributionHandlers(catalog: ServiceCatalog, tokens: TokenService): Pick<HandlerTable, DistributionChannels> {
  return {
    'services.list': ({ groupId }, { admin }) => catalog.listAt(admin, groupId),
    'services.create': ({ groupId, name }, { admin }) => catalog.create(admin, groupId, name),
    'services.usableTokens': ({ groupId }, { admin }) => catalog.usableAt(admin, groupId),
    'tokens.add': ({ serviceId, token, makeActive, checkId, takeOver }, { admin }) => tokens.addToken(admin, serviceId, token, makeActive, checkId, takeOver),
    'tokens.cancelCheck': ({ checkId }) => {
      tokens.cancelCheck(checkId);
      return {};
    },
    'tokens.makeActive': ({ tokenId, takeOver }, { admin }) => tokens.makeActive(admin, tokenId, takeOver),
    'tokens.recheck': ({ tokenId }, { admin }) => tokens.recheck(admin, tokenId),
    'tokens.reveal': async ({ tokenId }, { admin }) => ({ secret: await tokens.reveal(admin, tokenId) }),
    'tokens.remove': async ({ tokenId, confirmation }, { admin }) => {
      await tokens.remove(admin, tokenId, confirmation);
      return {};
    },
  };
}
