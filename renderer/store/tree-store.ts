import { create } from 'zustand';
import type { ApiError, ChannelOutput } from '../../preload/contract';
import { api } from '../bridge/api';

export type GroupNode = ChannelOutput<'groups.tree'>[number];

interface TreeState {
  groups: GroupNode[];
  selectedId: number | null;
  error: ApiError | null;
  load(): Promise<void>;
  select(id: number): void;
}

/** The organization tree the signed-in admin can see, and the group they are looking at. */
export const useTree = create<TreeState>((set, get) => ({
  groups: [],
  selectedId: null,
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
}));
