/** What every exported figure carries besides its plot: a title, a legend and the run's settings as caption lines. */
export interface LegendItem {
  label: string;
  color: string;
  /** drawn as a dashed line instead of a filled swatch */
  dashed?: boolean;
}

export interface FigureMeta {
  title: string;
  legend: LegendItem[];
  caption: string[];
}

/** Words into lines of at most `width` characters (a word longer than that gets a line of its own). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
