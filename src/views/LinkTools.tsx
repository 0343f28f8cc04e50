/** Copy-link button and the one-line notices (filled in by the link work). */
export function LinkTools() {
  return null;
}
