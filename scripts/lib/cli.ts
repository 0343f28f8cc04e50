/*
 * Strict command lines for the Node scripts: node:util parseArgs with strict: true, values checked
 * against the settings schema (src/schema/settings.ts, the page's ranges), one-line messages, and
 * exit code 2 with the usage text for a bad command line.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import * as v from 'valibot';
import { describeNumber, picklistOptions } from '../../src/schema/describe';

/** A bad command line: runCli prints the message and the usage and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A bad input file or folder named on the command line: runCli prints the message (no usage: the flags were fine) and exits 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with strict: true and no flag given twice; its errors become one-line UsageErrors. */
export function strictArgs<T extends Options>(argv: string[], options: T) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: false, tokens: true });
  } catch (err) {
    throw new UsageError(explain(argv, options, err as Error));
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError(`${token.rawName} given twice`);
    seen.add(token.name);
  }
  return parsed.values;
}

/**
 * Why strict parsing failed, named by the first offending argument: Node's own messages differ
 * between versions and some span three lines, so the tokens of a lenient parse are read instead.
 */
function explain(argv: string[], options: Options, err: Error): string {
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional') return `unexpected argument "${token.value}"`;
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    if (!spec) return `unknown option ${token.rawName}`;
    if (spec.type === 'boolean' && token.value !== undefined) return `${token.rawName} takes no value`;
    if (spec.type !== 'string') continue;
    if (token.value === undefined) return `${token.rawName} needs a value`;
    if (!token.inlineValue && token.value.startsWith('-')) {
      return `${token.rawName} needs a value; "${token.value}" reads as an option (write ${token.rawName}=${token.value} if it is the value)`;
    }
  }
  return err.message.split('\n')[0];
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** A flag's number, checked against its field's schema (the message states the range). */
export function numberArg(flag: string, raw: string, schema: v.GenericSchema<unknown, number>): number {
  if (!NUMBER.test(raw.trim())) throw new UsageError(`--${flag} expects a number, got "${raw}"`);
  const n = Number(raw);
  if (!v.is(schema, n)) throw new UsageError(`--${flag} must be ${describeNumber(schema)}, got ${raw.trim()}`);
  return n;
}

/** A flag's choice from a picklist schema. */
export function choiceArg<T extends string>(flag: string, raw: string, schema: v.GenericSchema<unknown, T>): T {
  if (v.is(schema, raw)) return raw as T;
  throw new UsageError(`--${flag} must be one of ${(picklistOptions(schema) ?? []).join(', ')}; got "${raw}"`);
}

/** One of `known` (`what` names it in the message: "model"). */
export function knownArg(flag: string, raw: string, known: readonly string[], what: string): string {
  if (known.includes(raw)) return raw;
  throw new UsageError(`--${flag}: unknown ${what} "${raw}" (known: ${known.join(', ')})`);
}

/** A comma-separated list whose every item is one of `known`. */
export const listArg = (flag: string, raw: string, known: readonly string[], what: string): string[] =>
  raw.split(',').map((item) => knownArg(flag, item, known, what));

/** One line per flag for a usage text: the flag, then what it takes. */
export const usageLines = (rows: [string, string][]) => rows.map(([flag, text]) => `  ${flag.padEnd(28)}${text}`).join('\n');

/**
 * Runs a script's main: a UsageError prints its message and the usage and exits 2, an InputError its
 * message and exits 2; any other error (a diverged run included) prints its message and exits 1.
 */
export async function runCli(name: string, usage: string, main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (err) {
    console.error(`[${name}] error: ${(err as Error).message}`);
    if (err instanceof UsageError) console.error(`\n${usage}`);
    process.exit(err instanceof UsageError || err instanceof InputError ? 2 : 1);
  }
}
