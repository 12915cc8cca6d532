export type * from '@vigil/scanner-spec';
export { toParts, partAt } from './parts.js';
export { secretsScanner } from './secrets/index.js';
export { piiScanner } from './pii/index.js';
export { commandsScanner } from './commands/index.js';
export { filesScanner } from './files/index.js';
export { injectionScanner } from './injection/index.js';
export { egressScanner } from './egress/index.js';
export { mcpCatalogueScanner } from './mcp/index.js';
