import { describe, expect, it } from 'vitest';
import { defined } from '../engine/defined';
import { stage, trace } from './test/trace-fixture';
import { correlationCsv, curveTableCsv, permutationCsv, planeCsv, resultsCsv, toCsv } from './export-csv';
import { exportFileName } from './export-filename';
import { resultRows } from './export-results';

const lines = (csv: string) => csv.trimEnd().split('\n');

describe('CSV exports', () => {
  it('quotes fields that hold commas, quotes or line breaks', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"'],
          [1.5, 'two\nlines'],
        ],
      ),
    ).toBe('a,b\n"x,y","say ""hi"""\n1.5,"two\nlines"\n');
  });

  it('curve table: one row per t of every stage, curve then line, in full precision', () => {
    const stages = [stage(1), stage(2)];
    const rows = lines(curveTableCsv(stages));
    expect(rows[0]).toBe('round,stage,kind,path,t,clean_loss,clean_acc,poisoned_loss,asr');
    expect(rows.length).toBe(1 + 2 * 2 * 21);
    const p = stages[0].curve[3];
    expect(rows[4]).toBe(`1,1,unalign-connect,curve,${p.t},${p.cleanLoss},${p.acc},${p.poisonedLoss},${p.asr}`);
    expect(rows[22]).toMatch(/^1,1,unalign-connect,line,0,/);
    expect(rows[43]).toMatch(/^1,2,align-connect,curve,0,/);
  });

  it('results: before, each stage, fine-tuning, final', () => {
    const rows = lines(resultsCsv(resultRows(trace, trace.rounds[0].stages, trace.rounds)));
    expect(rows).toEqual([
      'model,clean_acc,asr',
      'backdoored model (no defense),0.97,1',
      'round 1 · θ_t1 at t = 0.4,0.93,0.4',
      'round 1 · θ_t2 at t = 0.4,0.93,0.3',
      'round 1 · θ_t2 after inter-round fine-tuning,0.95,0.04',
      'final (TSC),0.94,0.05',
    ]);
  });

  it('permutation indices: every unit of every layer of every stage, with its matched correlation', () => {
    const s = stage(1);
    const rows = lines(permutationCsv([s, stage(2)]));
    expect(rows[0]).toBe('round,stage,objective,layer,unit,perm,matched_correlation');
    expect(rows.length).toBe(1 + 2 * (4 + 6));
    const l = defined(s.permutation, 'fixture permutation').layers[0];
    expect(rows[1]).toBe(`1,1,unalign,dense1,0,1,${l.matchedCorrelation[0]}`);
    expect(rows[4]).toBe(`1,1,unalign,dense1,3,0,${l.matchedCorrelation[3]}`);
  });

  it('correlation matrix: corrSize rows of corrSize values, row-major as the trace keeps it', () => {
    const l = defined(stage(1).permutation, 'fixture permutation').layers[1];
    const rows = lines(correlationCsv(l));
    expect(rows[0]).toBe('row,c0,c1,c2,c3,c4,c5');
    expect(rows.length).toBe(7);
    expect(rows[3]).toBe(['2', ...defined(l.correlation, 'fixture correlation').slice(12, 18)].join(','));
    expect(lines(correlationCsv({ ...l, correlation: null }))).toEqual(['row,c0,c1,c2,c3,c4,c5']);
  });
});

describe('export file names', () => {
  it('model, defense, key settings, what; unsafe characters become dashes', () => {
    expect(exportFileName(trace, 'loss-curve', 'svg')).toBe('mnist-mlp-badnet_tsc_r3-t0.4-e200-seed0_loss-curve.svg');
    expect(exportFileName({ ...trace, model: 'a b/c' }, 'perm round 1', 'csv')).toBe('a-b-c_tsc_r3-t0.4-e200-seed0_perm-round-1.csv');
  });
});

describe('loss-plane CSV', () => {
  it('writes one row per grid point, x fastest, with empty cells where the refinement has not reached', () => {
    const grid = { n: 2, xs: [0, 1.5], ys: [-1, 2], clean: [0.1, 0.2, 0.3, null], poisoned: [1, 2, 3, null] };
    expect(lines(planeCsv(grid))).toEqual(['x,y,clean_loss,poisoned_loss', '0,-1,0.1,1', '1.5,-1,0.2,2', '0,2,0.3,3', '1.5,2,,']);
  });
});
