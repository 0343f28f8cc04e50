import type { LayerPermutationRecord } from '../../engine/trace';

interface Props {
  layers: LayerPermutationRecord[];
  active: number;
  onSelect: (layer: number) => void;
  sortByMatch: boolean;
  onSortByMatch: (sort: boolean) => void;
}

/** One tab per permuted layer, and the row-order switch. */
export function LayerTabs({ layers, active, onSelect, sortByMatch, onSortByMatch }: Props) {
  return (
    <div className="tabs" role="tablist" aria-label="Layer">
      {layers.map((l, k) => (
        <button key={l.name} role="tab" aria-selected={k === active} className={k === active ? 'active' : ''} onClick={() => onSelect(k)}>
          {l.name} ({l.size})
        </button>
      ))}
      <label className="sort-toggle">
        <input type="checkbox" checked={sortByMatch} onChange={(e) => onSortByMatch(e.target.checked)} /> sort rows by matched correlation
      </label>
    </div>
  );
}
