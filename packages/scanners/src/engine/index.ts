export { ScanEngine, worseAction, CONFIDENCE_FLOOR, SEVERITY_FLOOR, type ScanRequest, type ScanResult, type ContentField } from './engine.js';
export { DEFAULT_SCAN_SETTINGS, validateScanSettings, type ScanSettings, type ScanMode, type ScannerSettings, type ScanOverride, type SettingsResult } from './settings.js';
export { maskDeep, maskText } from './mask.js';
export { scanEvent, scanPlan, type ScannedEvent } from './event.js';
export { warmUp } from './warm.js';
