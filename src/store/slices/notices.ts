import type { SliceCreator } from '../app-state';

/** One-line messages for the user (e.g. saved settings that were invalid and reset). */
export interface NoticesSlice {
  notices: string[];
  addNotice: (message: string) => void;
  dismissNotice: (index: number) => void;
}

export const createNoticesSlice: SliceCreator<NoticesSlice> = (set, get) => ({
  notices: [],
  addNotice: (message) => set({ notices: [...get().notices, message] }),
  dismissNotice: (index) => set({ notices: get().notices.filter((_, k) => k !== index) }),
});
