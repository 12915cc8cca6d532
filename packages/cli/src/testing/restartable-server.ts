import { DEFAULTS, startServer, type RunningServer } from '@vigil/server';

export const NO_RM_RF = { name: 'no-rm-rf', tool: 'Bash', input_contains: ['rm -rf'], reason: 'recursive deletes are not allowed; remove specific files instead' };

/** A Vigil server for relay tests that can be stopped and started again on the same port and data. */
export class RestartableServer {
  private server: RunningServer | null = null;
  private port = 0;

  constructor(
    private readonly dataDir: () => string,
    readonly token: string,
  ) {}

  get url(): string {
    if (!this.server) throw new Error('the server is stopped');
    return this.server.url;
  }

  async start(): Promise<void> {
    this.server = await startServer({ ...DEFAULTS, port: this.port, dataDir: this.dataDir(), adminToken: this.token, logLevel: 'silent', denyRules: [NO_RM_RF] });
    this.port = Number(new URL(this.server.url).port);
  }

  async stop(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }

  async get<T>(path: string): Promise<T> {
    return (await fetch(`${this.url}${path}`, { headers: { authorization: `Bearer ${this.token}` } })).json() as Promise<T>;
  }
}
