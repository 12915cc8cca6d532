// The install command for each client, as the settings page shows it. The token is a
// placeholder: an ingest token is created with `vigil token create` (never shown here).

export interface InstallCommand {
  client: string;
  title: string;
  command: string;
  notes: string;
}

const TOKEN = '<ingest token>';

// The other clients with hook capture (docs/clients.md): id, name, what to know.
const hookClients: [string, string, string][] = [
  ['cursor', 'Cursor', 'Writes ~/.cursor/hooks.json (preToolUse with failClosed). --scope managed writes the enterprise hooks.json MDM deploys; add --event-hooks to record prompts, reasoning and responses too.'],
  ['codex', 'Codex CLI', 'Writes ~/.codex/hooks.json; Codex runs user hooks only once they are trusted in /hooks. --scope managed writes /etc/codex/hooks.json, which needs no trust.'],
  ['gemini-cli', 'Gemini CLI', 'Writes ~/.gemini/settings.json (BeforeTool). --scope managed writes the system settings, which override all others. Hooks run in trusted folders only.'],
  ['hermes', 'Hermes Agent', 'Writes ~/.hermes/config.yaml (pre_tool_call with fail_closed), keeping its comments. Hermes asks once per hook before running it.'],
];

export function installCommands(serverUrl: string): { server_url: string; clients: InstallCommand[] } {
  const q = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  const server = q(serverUrl);
  return {
    server_url: serverUrl,
    clients: [
      {
        client: 'token',
        title: 'Create an ingest token (on the server)',
        command: 'vigil token create --name hooks --role ingest',
        notes: 'Ingest tokens can only send events. Use one per team or per fleet.',
      },
      {
        client: 'claude-code',
        title: 'Claude Code: hooks (monitor)',
        command: `npx vigil setup hooks --client claude-code --install --server ${server} --token '${TOKEN}' --scope user --mode monitor --yes`,
        notes: 'Records every prompt, tool call and output. --scope managed writes the MDM-managed settings file for a fleet.',
      },
      {
        client: 'claude-code-enforce',
        title: 'Claude Code: hooks (enforce)',
        command: `npx vigil setup hooks --client claude-code --install --server ${server} --token '${TOKEN}' --scope user --mode enforce --yes`,
        notes: 'Also lets Vigil deny tool calls; a call is denied when Vigil cannot be reached.',
      },
      {
        client: 'claude-code-otlp',
        title: 'Claude Code: OpenTelemetry export',
        command: `export CLAUDE_CODE_ENABLE_TELEMETRY=1 OTEL_LOGS_EXPORTER=otlp OTEL_METRICS_EXPORTER=otlp OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf OTEL_EXPORTER_OTLP_ENDPOINT=${q(serverUrl + '/otlp')} OTEL_EXPORTER_OTLP_HEADERS='Authorization=Bearer ${TOKEN}'`,
        notes: 'Adds token usage and cost to sessions.',
      },
      ...hookClients.map(([client, label, notes]) => ({
        client,
        title: `${label}: hooks (enforce)`,
        command: `npx vigil setup hooks --client ${client} --install --server ${server} --token '${TOKEN}' --scope user --mode enforce --yes`,
        notes,
      })),
      {
        client: 'codex-otlp',
        title: 'Codex CLI: OpenTelemetry export (~/.codex/config.toml)',
        command: `[otel]\nlog_user_prompt = true\nexporter = { otlp-http = { endpoint = ${JSON.stringify(serverUrl + '/otlp/v1/logs')}, protocol = "json", headers = { "authorization" = "Bearer ${TOKEN}" } } }`,
        notes: 'Codex sends its codex.* events at exit; they join the sessions its hooks build (stored once).',
      },
      {
        client: 'hermes-webhook',
        title: 'Hermes Agent: signed outbound webhooks (~/.hermes/config.yaml, under hooks:)',
        command: `outbound:\n  - url: ${serverUrl}/v1/webhooks/hermes\n    secret_env: VIGIL_HERMES_WEBHOOK_SECRET`,
        notes: 'Set the same secret in VIGIL_HERMES_WEBHOOK_SECRET on the server and where Hermes runs. Deliveries are checked by signature, time and delivery id.',
      },
      {
        client: 'sdk',
        title: 'Custom agents: the TypeScript SDK',
        command: `new VigilClient({ url: ${JSON.stringify(serverUrl)}, token: process.env.VIGIL_TOKEN })   // @vigil/sdk`,
        notes: 'Send events and ask POST /v1/decide before each tool call (docs/api.md).',
      },
    ],
  };
}
