import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParsedResults<C extends ParseArgsConfig> = ReturnType<typeof parseArgs<C>>;

/** parseArgs with errors worded for a person, thrown as Error (main prints them). */
export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T): ParsedResults<{ args: string[]; options: T; allowPositionals: true; strict: true }> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new Error(`${(err as Error).message}; see vigil --help`);
  }
}

export const STORE_OPTIONS = {
  data: { type: 'string' },
  'database-url': { type: 'string' },
} as const;
