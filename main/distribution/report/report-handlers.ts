import type { HandlerTable } from '../../ipc/handler-types';
import type { ReportService } from './report-service';

export function reportHandlers(report: ReportService): Pick<HandlerTable, 'report.licenses' | 'report.assignments' | 'report.users' | 'report.export'> {
  return {
    'report.licenses': (query, { admin }) => report.licenses(admin, query),
    'report.assignments': (query, { admin }) => report.assignments(admin, query),
    'report.users': (query, { admin }) => report.appleUsers(admin, query),
    'report.export': (request, { admin }) => report.export(admin, request),
  };
}
