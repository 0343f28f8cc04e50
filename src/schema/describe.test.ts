import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { describeNumber, picklistOptions } from './describe';
import { CLI_SETTINGS_FIELDS, DefenseSchema, NodeBackendSchema } from './settings';

describe('schema descriptions', () => {
  it('state the ranges the settings schema enforces', () => {
    expect(describeNumber(CLI_SETTINGS_FIELDS.rounds)).toBe('an integer from 1 to 10');
    expect(describeNumber(CLI_SETTINGS_FIELDS.t)).toBe('a number from 0 to 1');
    expect(describeNumber(CLI_SETTINGS_FIELDS.curveLr)).toBe('a number > 0 and ≤ 10');
    expect(describeNumber(CLI_SETTINGS_FIELDS.curveBatchSize)).toBe('an integer from 1 to 10000');
    expect(describeNumber(v.pipe(v.number(), v.minValue(0)))).toBe('a number ≥ 0');
    expect(describeNumber(v.number())).toBe('a number');
  });

  it('list the choices of a picklist, and nothing for other schemas', () => {
    expect(picklistOptions(DefenseSchema)).toEqual(['tsc', 'mcr', 'ft', 'line', 'none']);
    expect(picklistOptions(NodeBackendSchema)).toEqual(['wasm', 'cpu']);
    expect(picklistOptions(CLI_SETTINGS_FIELDS.rounds)).toBeNull();
  });
});
