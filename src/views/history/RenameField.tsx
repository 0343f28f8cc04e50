import { useRef, useState } from 'react';

interface Props {
  name: string;
  onDone: (name: string | null) => void;
}

/** An input for a run's new name: Enter (or leaving it) keeps the text, Escape gives up. */
export function RenameField({ name, onDone }: Props) {
  const [text, setText] = useState(name);
  // the input unmounts after Enter or Escape, and a browser may then send it a blur: answer only once
  const answered = useRef(false);
  const finish = (result: string | null) => {
    if (answered.current) return;
    answered.current = true;
    onDone(result);
  };
  return (
    <input
      autoFocus
      aria-label={`New name for ${name}`}
      value={text}
      maxLength={120}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') finish(text);
        if (e.key === 'Escape') finish(null);
      }}
      onBlur={() => finish(text)}
    />
  );
}
