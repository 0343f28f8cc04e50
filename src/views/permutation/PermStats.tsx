import type { LayerPermutationRecord, PermutationRecord } from '../../engine/trace';

/** The layer's permutation in numbers, and the check that π(θ) computes the same function as θ. */
export function PermStats({ layer, perm }: { layer: LayerPermutationRecord; perm: PermutationRecord }) {
  return (
    <dl className="card perm-stats" data-testid="perm-stats">
      <dt>units</dt>
      <dd>{layer.size}</dd>
      <dt>fixed points</dt>
      <dd data-testid="perm-fixed-points">{layer.fixedPoints}</dd>
      <dt>mean matched C</dt>
      <dd data-testid="perm-mean-matched">{layer.meanMatched.toFixed(3)}</dd>
      <dt>objective Σ C[i, π(i)]</dt>
      <dd>{layer.objectiveValue.toFixed(2)}</dd>
      <dt>π(θ) ≡ θ check</dt>
      <dd data-testid="perm-logit-diff">max |Δ logit| = {perm.maxLogitDiff.toExponential(1)}</dd>
      <dt>method</dt>
      <dd>{perm.method === 'activation' ? 'activation correlation + exact LAP (paper)' : 'weight matching (not the paper’s method)'}</dd>
    </dl>
  );
}
