import type { HandlerTable } from '../../ipc/handler-types';
import type { RosterImportService } from './roster-import-service';

export function importHandlers(imports: RosterImportService): Pick<HandlerTable, 'import.check' | 'import.start'> {
  return {
    'import.check': ({ parentGroupId, files }, { admin }) => imports.check(admin, parentGroupId, files),
    'import.start': ({ parentGroupId, files }, { admin }) => imports.start(admin, parentGroupId, files),
  };
}
