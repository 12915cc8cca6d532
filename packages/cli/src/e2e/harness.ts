// Shared by the end-to-end tests: running a process to completion, and the environment that
// points the real Claude Code binary at a local model stand-in and at Vigil.
import { spawn } from 'node:child_process';

export interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], opts: { cwd?: string; env: Record<string, string> }): Promise<Exit> {
  return new Promise((resolve) => {
    const c = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    c.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => c.kill('SIGKILL'), 120_000);
    c.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Claude Code offline against `modelUrl`, with its home at `home`; OTLP to `otlp.url` when given. */
export function claudeEnv(home: string, modelUrl: string, otlp?: { url: string; token: string }): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    ANTHROPIC_BASE_URL: modelUrl,
    ANTHROPIC_API_KEY: 'e2e',
    IS_SANDBOX: '1',
    DISABLE_AUTOUPDATER: '1',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  };
  if (otlp) {
    Object.assign(env, {
      // OTLP export on, to Vigil's receiver, in protobuf (Claude Code's default encoding).
      CLAUDE_CODE_ENABLE_TELEMETRY: '1',
      OTEL_LOGS_EXPORTER: 'otlp',
      OTEL_METRICS_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
      OTEL_EXPORTER_OTLP_ENDPOINT: `${otlp.url}/otlp`,
      OTEL_EXPORTER_OTLP_HEADERS: `Authorization=Bearer ${otlp.token}`,
      OTEL_LOGS_EXPORT_INTERVAL: '200',
      OTEL_METRIC_EXPORT_INTERVAL: '500',
      OTEL_LOG_USER_PROMPTS: '1',
      OTEL_LOG_TOOL_DETAILS: '1',
    });
  }
  return env;
}
