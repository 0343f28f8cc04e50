import { useState, type ReactNode } from 'react';

interface Props {
  onFiles: (files: File[]) => void;
  children: ReactNode;
}

/** A region that takes files dropped on it (model.json and its shards, dragged together from a file manager). */
export function DropZone({ onFiles, children }: Props) {
  const [over, setOver] = useState(false);
  return (
    <div
      className={over ? 'drop-zone drop-zone-over' : 'drop-zone'}
      data-testid="import-drop-zone"
      onDragOver={(e) => {
        e.preventDefault(); // without this the browser opens the dropped file instead
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const files = [...e.dataTransfer.files];
        if (files.length > 0) onFiles(files);
      }}
    >
      {children}
    </div>
  );
}
