import type { AppActions } from '../../app/actions';

/** The guided lecture screen (filled in by the lecture work). */
export function LectureView(_: { actions: AppActions }) {
  return null;
}
