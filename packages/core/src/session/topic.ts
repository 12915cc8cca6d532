// A first-pass topic for a session, from its first prompt: a few broad categories a reviewer
// can filter by. Keyword scoring, linear in the prompt's length; no model involved.

export const TOPICS = [
  'security',
  'testing',
  'bug fix',
  'refactoring',
  'documentation',
  'infrastructure',
  'data',
  'feature',
  'question',
  'other',
] as const;
export type Topic = (typeof TOPICS)[number];

const KEYWORDS: ReadonlyArray<readonly [Topic, readonly string[]]> = [
  ['security', ['security', 'vulnerab', 'cve', 'secret', 'credential', 'password', 'auth', 'xss', 'injection', 'exploit', 'permission']],
  ['testing', ['test', 'spec', 'coverage', 'assert', 'mock', 'flaky']],
  ['bug fix', ['bug', 'fix', 'error', 'crash', 'broken', 'fails', 'failing', 'exception', 'stack trace', 'debug', 'issue']],
  ['refactoring', ['refactor', 'clean up', 'cleanup', 'rename', 'simplify', 'restructure', 'extract']],
  ['documentation', ['readme', 'docs', 'document', 'comment', 'changelog', 'tutorial']],
  ['infrastructure', ['deploy', 'docker', 'kubernetes', 'k8s', 'terraform', 'ci', 'pipeline', 'helm', 'aws', 'gcp', 'azure', 'nginx', 'server', 'infra']],
  ['data', ['sql', 'database', 'query', 'csv', 'migration', 'schema', 'dataset', 'etl', 'analytics', 'report']],
  ['feature', ['add', 'implement', 'create', 'build', 'feature', 'support', 'new', 'write']],
  ['question', ['what', 'why', 'how', 'explain', 'which', 'where']],
];

const WORD = /[a-z0-9]+/g;

/** Classifies a prompt into one of TOPICS ('other' when nothing matches). */
export function classifyTopic(prompt: string): Topic {
  const text = prompt.slice(0, 4000).toLowerCase();
  const words = text.match(WORD) ?? [];
  let best: Topic = 'other';
  let bestScore = 0;
  for (const [topic, keys] of KEYWORDS) {
    let score = 0;
    for (const key of keys) {
      if (key.includes(' ') ? text.includes(key) : words.some((w) => w === key || (key.length >= 4 && w.startsWith(key)))) score++;
    }
    if (topic === 'question' && text.trimEnd().endsWith('?')) score++;
    if (score > bestScore) {
      best = topic;
      bestScore = score;
    }
  }
  return best;
}
