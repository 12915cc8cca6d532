// Every client `vigil setup hooks --client NAME` can install into.
import { claudeCodeInstaller } from './claude-code.js';
import { cursorInstaller } from './cursor.js';
import { geminiCliInstaller } from './gemini-cli.js';
import { codexInstaller } from './codex.js';
import { hermesInstaller } from './hermes.js';
import type { ClientInstaller } from './installer.js';

export const INSTALLERS: Readonly<Record<string, ClientInstaller>> = {
  'claude-code': claudeCodeInstaller,
  cursor: cursorInstaller,
  'gemini-cli': geminiCliInstaller,
  codex: codexInstaller,
  hermes: hermesInstaller,
};
