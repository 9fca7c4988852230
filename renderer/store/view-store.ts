import { create } from 'zustand';

export type GroupTab = 'users' | 'devices' | 'admins' | 'distribution' | 'report';
export type ReportTab = 'licenses' | 'users';

interface ViewState {
  groupTab: GroupTab;
  reportTab: ReportTab;
  /** The services the report is narrowed to; null for all at this level. */
  reportServiceIds: number[] | null;
  showGroupTab(tab: GroupTab): void;
  /** View Licenses / View Users on a service: the report, narrowed to that service. */
  openReport(tab: ReportTab, serviceIds: number[] | null): void;
  setReportTab(tab: ReportTab): void;
}

/** Which tab of a level is open; kept outside the page so other parts can navigate to one. */
export const useView = create<ViewState>((set) => ({
  groupTab: 'users',
  reportTab: 'licenses',
  reportServiceIds: null,
  showGroupTab: (groupTab) => set({ groupTab }),
  openReport: (reportTab, reportServiceIds) => set({ groupTab: 'report', reportTab, reportServiceIds }),
  setReportTab: (reportTab) => set({ reportTab }),
}));
