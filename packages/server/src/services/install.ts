// The install command for each client, as the settings page shows it. The token is a
// placeholder: an ingest token is created with `vigil token create` (never shown here).

export interface InstallCommand {
  client: string;
  title: string;
  command: string;
  notes: string;
}

const TOKEN = '<ingest token>';

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
      {
        client: 'sdk',
        title: 'Custom agents: the TypeScript SDK',
        command: `new VigilClient({ url: ${JSON.stringify(serverUrl)}, token: process.env.VIGIL_TOKEN })   // @vigil/sdk`,
        notes: 'Send events and ask POST /v1/decide before each tool call (docs/api.md).',
      },
    ],
  };
}
