import { defaultConfigPath, readHookConfig, type HookMode } from '../hook/config.js';
import { relay, supportedClients } from '../hook/relay.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `vigil hook <client> [--config FILE] [--mode monitor|enforce]`. `--mode` on the command line
 * (written there by setup) wins over the config file, so enforce still fails closed when the
 * config cannot be read. In enforce mode any unexpected failure exits 2, which blocks.
 */
export async function hook(args: string[]): Promise<number> {
  let mode: HookMode = args.some((a) => a === 'enforce' || a === '--mode=enforce') ? 'enforce' : 'monitor';
  try {
    const { parse } = await import('../args.js');
    const { values, positionals } = parse(args, { config: { type: 'string' }, mode: { type: 'string' } });
    const client = positionals[0];
    if (!client || !supportedClients().includes(client)) throw new Error(`usage: vigil hook <client> where client is one of: ${supportedClients().join(', ')}`);
    if (values.mode !== undefined && values.mode !== 'monitor' && values.mode !== 'enforce') throw new Error('--mode must be monitor or enforce');
    if (values.mode) mode = values.mode as HookMode;
    const input = await readStdin();
    const cfg = readHookConfig(values.config ?? defaultConfigPath());
    if (values.mode) cfg.mode = mode;
    const r = await relay(client, input, cfg);
    if (r.stdout) process.stdout.write(r.stdout + '\n');
    if (r.stderr) process.stderr.write(r.stderr);
    return r.exitCode;
  } catch (e) {
    process.stderr.write(`vigil hook: ${(e as Error).message}${mode === 'enforce' ? ' (enforce mode: denied)' : ''}\n`);
    return mode === 'enforce' ? 2 : 0;
  }
}
