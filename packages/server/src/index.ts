export { startServer, type RunningServer } from './server.js';
export { DEFAULTS, defaultDataDir, type ServerConfig } from './config.js';
export { buildApp, type Services } from './http/app.js';
export { openDatabase, migrate, type DatabaseHandle, type DatabaseOptions } from './repositories/database.js';
export { createStore, type Store } from './repositories/store.js';
export { AuthService, hashToken, generateToken } from './services/auth.service.js';
export { IngestService } from './services/ingest.service.js';
export { SessionService } from './services/session.service.js';
export { readConfigFile, parseConfigFile, type ConfigFile } from './config-file.js';
