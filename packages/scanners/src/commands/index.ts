import type { ScannerV1 } from '@vigil/scanner-spec';

// Placeholder until the scanner lands: runs and finds nothing.
export const commandsScanner: ScannerV1 = {
  specificationVersion: 'v1',
  id: 'commands',
  version: '0.0.0',
  stages: ['tool_input', 'tool_output', 'prompt'],
  scan: () => [],
};
