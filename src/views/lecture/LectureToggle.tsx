/** The header button that turns lecture mode on and off (filled in by the lecture work). */
export function LectureToggle() {
  return null;
}
