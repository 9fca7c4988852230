import { create } from 'zustand';
import type { ApiError, ChannelOutput } from '../../preload/contract';
import { api } from '../bridge/api';

export type GroupNode = ChannelOutput<'groups.tree'>[number];

interface TreeState {
  groups: GroupNode[];
  selectedId: number | null;
  /** Bumped whenever main says the directory changed, so open lists read again. */
  version: number;
  error: ApiError | null;
  load(): Promise<void>;
  select(id: number): void;
  changed(): void;
}

/** The organization tree the signed-in admin can see, and the level they are looking at. */
export const useTree = create<TreeState>((set, get) => ({
  groups: [],
  selectedId: null,
  version: 0,
  error: null,

  async load() {
    const result = await api.groups.tree({});
    if (!result.ok) {
      set({ error: result.error });
      return;
    }
    const groups = result.value;
    const selectedId = get().selectedId;
    const stillThere = groups.some((g) => g.id === selectedId);
    set({ groups, error: null, selectedId: stillThere ? selectedId : (groups[0]?.id ?? null) });
  },

  select(id) {
    set({ selectedId: id });
  },

  changed() {
    set((s) => ({ version: s.version + 1 }));
    void get().load();
  },
}));

/** Root-to-group path within what the admin can see. */
export function pathTo(groups: readonly GroupNode[], id: number | null): GroupNode[] {
  const byId = new Map(groups.map((g) => [g.id, g]));
  const path: GroupNode[] = [];
  for (let at = id === null ? undefined : byId.get(id); at; at = at.parentId === null ? undefined : byId.get(at.parentId)) {
    path.unshift(at);
  }
  return path;
}
