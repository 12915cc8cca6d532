import type { ScannerV1 } from '@vigil/scanner-spec';
import { ScanEngine } from './engine/engine.js';
import { DEFAULT_SCAN_SETTINGS, type ScanSettings } from './engine/settings.js';
import { commandsScanner } from './commands/index.js';
import { egressScanner } from './egress/index.js';
import { filesScanner } from './files/index.js';
import { injectionScanner } from './injection/index.js';
import { mcpCatalogueScanner } from './mcp/index.js';
import { piiScanner } from './pii/index.js';
import { secretsScanner } from './secrets/index.js';

/** Every scanner Vigil ships, in the order they run and are listed. */
export const ALL_SCANNERS: readonly ScannerV1[] = Object.freeze([
  secretsScanner,
  piiScanner,
  commandsScanner,
  filesScanner,
  egressScanner,
  injectionScanner,
  mcpCatalogueScanner,
]);

export function createScanEngine(settings: ScanSettings = DEFAULT_SCAN_SETTINGS): ScanEngine {
  return new ScanEngine(ALL_SCANNERS, settings);
}
