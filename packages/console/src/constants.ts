export const CLIENTS = ['claude-code', 'claude-cowork', 'cursor', 'codex', 'gemini-cli', 'hermes', 'sdk', 'proxy', 'import', 'other'] as const;

export const TOPICS = ['security', 'testing', 'bug fix', 'refactoring', 'documentation', 'infrastructure', 'data', 'feature', 'question', 'other'] as const;

export const DECISIONS = ['alert', 'mask', 'block'] as const;

export const STATUSES = ['active', 'ended'] as const;

export const MODES = ['off', 'alert', 'block'] as const;

export const SENSITIVITIES = ['low', 'medium', 'high'] as const;
