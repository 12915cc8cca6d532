// Which files a simple command reads, writes or deletes, from its argv and redirections.
// Known commands are modelled (cp src dst, tee, sed -i, grep PATTERN files, curl -d @file…);
// unknown commands' path-like arguments count as weak reads. Arguments that only name a file
// for a tool to use (ssh -i key, --kubeconfig, --env-file) are not reads.

import type { ShellCommand } from './types.js';

export type AccessMode = 'read' | 'write' | 'delete' | 'list';

export interface FileAccess {
  /** The path as written (after quote removal and variable substitution). */
  path: string;
  mode: AccessMode;
  /** argv index, or -1 for a redirection. */
  argIndex: number;
  /** The command is known to touch the file this way (false: a guess for an unknown command). */
  strong: boolean;
}

/** Commands whose path arguments are not content reads (metadata, or a tool using a file it is given). */
const NO_CONTENT = new Set([
  'ls', 'll', 'la', 'exa', 'eza', 'lsd', 'tree', 'stat', 'test', '[', 'chmod', 'chown', 'chgrp', 'chattr', 'lsattr', 'mkdir', 'touch', 'realpath',
  'readlink', 'dirname', 'basename', 'which', 'whereis', 'type', 'command', 'du', 'df', 'file', 'wc', 'md5sum', 'md5', 'sha1sum', 'sha256sum',
  'sha512sum', 'shasum', 'cksum', 'b2sum', 'getfacl', 'setfacl', 'echo', 'printf', 'export', 'cd', 'pushd', 'popd', 'git', 'ssh', 'ssh-add',
  'ssh-keygen', 'ssh-keyscan', 'ssh-copy-id', 'mosh', 'autossh', 'kubectl', 'helm', 'k9s', 'kubectx', 'aws', 'gcloud', 'gsutil', 'az', 'docker',
  'podman', 'terraform', 'tofu', 'terragrunt', 'ansible', 'ansible-playbook', 'vagrant', 'source', '.', 'dotenv', 'direnv', 'code', 'cursor',
  'subl', 'idea', 'open', 'xdg-open', 'alias', 'unalias', 'set', 'unset', 'declare', 'local', 'readonly', 'typeset', 'trap', 'sleep', 'true',
  'false', 'exit', 'return', 'history', 'hash', 'jobs', 'wait', 'kill', 'ps', 'id', 'whoami', 'hostname', 'uname', 'date', 'env', 'printenv',
  'gpg', 'gpg2', 'age', 'sops', 'git-crypt', 'gh', 'glab', 'vault', 'op', 'npm', 'npx', 'pnpm', 'yarn', 'bun', 'pip', 'pip3', 'uv', 'poetry',
  'cargo', 'go', 'make', 'cmake', 'mvn', 'gradle', 'pytest', 'jest', 'vitest', 'node', 'python', 'python3', 'deno', 'ruby', 'tsc', 'eslint',
  'prettier', 'black', 'ruff', 'mypy', 'keychain', 'security', 'mkfifo', 'ln', 'systemctl', 'launchctl', 'crontab', 'chezmoi', 'stow',
  'watch', 'timeout', 'sudo', 'doas', 'flock', 'lsof', 'fuser', 'inotifywait', 'entr', 'mount', 'umount', 'setcap', 'getcap', 'restorecon', 'chcon',
  'install_name_tool', 'codesign', 'xattr', 'mdls', 'ssh-agent', 'eval', 'exec', 'xargs', 'find', 'fd', 'fdfind', 'locate', 'rmdir',
]);

/** Options whose value is a file the tool uses rather than a file whose content is read or sent. */
const USE_OPTS = new Set([
  '-i', '--identity', '--identity-file', '-F', '--kubeconfig', '--config', '-K', '--key', '--cert', '-E', '--cacert', '--capath', '--private-key',
  '--key-file', '--keyfile', '--ssh-key', '--env-file', '--credentials', '--credentials-file', '--netrc-file', '--password-file', '--profile',
  '--secret-file', '--cert-file', '--ca-file', '--tlscert', '--tlskey', '--tlscacert', '--client-key', '--client-certificate', '-c', '--rcfile',
  '-key', '-cert', '-CAfile', '-keyfile', '--identity-agent',
]);

const READERS = new Set([
  'cat', 'tac', 'nl', 'less', 'more', 'most', 'head', 'tail', 'bat', 'batcat', 'view', 'pg', 'column', 'fold', 'fmt', 'pr', 'sort', 'uniq',
  'cut', 'paste', 'join', 'comm', 'rev', 'iconv', 'expand', 'unexpand', 'split', 'csplit', 'shuf', 'look', 'strings', 'xxd', 'od', 'hexdump',
  'hd', 'base64', 'base32', 'basenc', 'uuencode', 'zcat', 'gzcat', 'bzcat', 'xzcat', 'zstdcat', 'zless', 'zmore', 'gzip', 'bzip2', 'xz', 'zstd',
  'openssl', 'sqlite3', 'plutil', 'diff', 'cmp', 'sdiff', 'colordiff', 'delta', 'icdiff', 'vimdiff', 'tar', 'zip', '7z', '7za', 'rar', 'cpio',
  'pbcopy', 'xclip', 'xsel', 'wl-copy', 'clip', 'clip.exe', 'get-content', 'gc', 'python2', 'tee', 'nc', 'ncat', 'netcat', 'mail',
  'mailx', 'sendmail', 'lp', 'lpr', 'enscript', 'a2ps', 'jq', 'yq', 'xq', 'gron', 'dasel', 'mlr', 'csvlook', 'awk', 'gawk', 'mawk', 'grep',
  'egrep', 'fgrep', 'rg', 'ag', 'ack', 'zgrep', 'sed', 'perl', 'ruby', 'vi', 'vim', 'nvim', 'nano', 'emacs', 'pico', 'micro', 'hx', 'joe',
  'ed', 'ex', 'kak', 'mcedit', 'scp', 'rsync', 'sftp', 'cp', 'mv', 'install', 'dd', 'curl', 'wget', 'http', 'xh', 'rclone', 'unzip', 'dos2unix',
  'unix2dos', 'truncate', 'shred', 'rm', 'unlink', 'srm', 'trash', 'trash-put', 'gio',
]);

const EDITORS = new Set(['vi', 'vim', 'nvim', 'nano', 'emacs', 'pico', 'micro', 'hx', 'joe', 'ed', 'ex', 'kak', 'mcedit']);
const PATTERN_FIRST = new Set(['grep', 'egrep', 'fgrep', 'rg', 'ag', 'ack', 'zgrep', 'awk', 'gawk', 'mawk', 'jq', 'yq', 'xq', 'gron', 'dasel', 'sed', 'look']);
const VALUE_OPTS: Record<string, ReadonlySet<string>> = {
  head: new Set(['-n', '-c', '--lines', '--bytes']),
  tail: new Set(['-n', '-c', '--lines', '--bytes', '-s', '--pid', '--sleep-interval']),
  grep: new Set(['-A', '-B', '-C', '-m', '--max-count', '--include', '--exclude', '--exclude-dir', '-e', '-f', '--regexp', '--file', '--label', '--color', '--colour']),
  rg: new Set(['-A', '-B', '-C', '-m', '-g', '--glob', '-t', '--type', '-T', '--type-not', '-e', '-f', '--regexp', '--file', '-j', '--threads', '-M', '--max-columns', '--color', '--colors', '-r', '--replace', '--iglob', '--max-depth', '-d']),
  sed: new Set(['-e', '-f', '--expression', '--file', '-l', '--line-length']),
  awk: new Set(['-F', '-v', '-f', '--field-separator', '--assign', '--file']),
  jq: new Set(['--arg', '--argjson', '--slurpfile', '--rawfile', '--indent', '-f', '--from-file', '-L']),
  cut: new Set(['-d', '-f', '-c', '-b', '--delimiter', '--fields']),
  sort: new Set(['-k', '-t', '-o', '--key', '--field-separator', '--output', '-S', '--buffer-size', '-T']),
  tar: new Set(['-f', '--file', '-C', '--directory', '-T', '--files-from', '-X', '--exclude-from', '--exclude', '-b', '--transform', '--use-compress-program', '-I']),
  zip: new Set(['-x', '-i', '-P', '--password', '-b', '-n']),
  openssl: new Set(['-out', '-keyout', '-passin', '-passout', '-pass', '-md', '-cipher', '-name', '-subj', '-days', '-newkey', '-config', '-extensions', '-extfile', '-CA', '-CAkey', '-CAfile', '-certfile', '-inform', '-outform', '-connect', '-servername', '-set_serial', '-sigopt', '-pkeyopt', '-addext', '-key', '-signkey', '-cert']),
  scp: new Set(['-i', '-F', '-P', '-o', '-c', '-l', '-S', '-J', '-D', '-X']),
  rsync: new Set(['-e', '--rsh', '--exclude', '--include', '--exclude-from', '--include-from', '--filter', '-f', '--password-file', '--log-file', '--chmod', '--chown', '-B', '--block-size', '--timeout', '--port', '--bwlimit', '--max-size', '--min-size', '--files-from', '--backup-dir', '--suffix', '-T', '--temp-dir', '--link-dest', '--compare-dest', '--copy-dest', '-M', '--remote-option']),
  cp: new Set(['-t', '--target-directory', '-S', '--suffix']),
  mv: new Set(['-t', '--target-directory', '-S', '--suffix']),
  install: new Set(['-m', '--mode', '-o', '--owner', '-g', '--group', '-t', '--target-directory', '-S', '--suffix']),
  curl: new Set(['-X', '--request', '-H', '--header', '-A', '--user-agent', '-u', '--user', '-e', '--referer', '-m', '--max-time', '--connect-timeout', '-w', '--write-out', '-x', '--proxy', '--retry', '-r', '--range', '--resolve', '--data-raw', '-b', '--cookie', '-c', '--cookie-jar', '--url', '-Y', '-y', '--limit-rate', '-C', '-z', '--time-cond', '--proto', '--proto-redir', '--interface', '-U', '--proxy-user', '-o', '--output', '-d', '--data', '--data-binary', '--data-ascii', '--data-urlencode', '--json', '-F', '--form', '-T', '--upload-file', '-K', '--config', '-E', '--cert', '--key', '--cacert', '--aws-sigv4', '--oauth2-bearer', '--max-filesize', '--output-dir']),
  wget: new Set(['-O', '--output-document', '-o', '--output-file', '-a', '--append-output', '-P', '--directory-prefix', '-U', '--user-agent', '--header', '--post-data', '--post-file', '--body-data', '--body-file', '-t', '--tries', '-T', '--timeout', '-e', '--execute', '--user', '--password', '-i', '--input-file', '--method', '-l', '--level', '-A', '-R', '--accept', '--reject', '--load-cookies', '--save-cookies']),
};

function isPathLike(a: string): boolean {
  return (a.length > 0 && a.length <= 4096 && !a.includes('://')) || a.startsWith('file://');
}

/** File accesses of one command. */
export function fileAccesses(c: ShellCommand): FileAccess[] {
  const out: FileAccess[] = [];
  for (const r of c.redirects) {
    if (!r.target || r.op === '<<' || r.op === '<<-' || r.op === '<<<') continue;
    if ((r.op === '>&' || r.op === '<&') && /^(?:\d{1,2}|-)$/.test(r.target)) continue;
    const mode: AccessMode = r.op === '<' ? 'read' : 'write';
    if (r.op === '<>') out.push({ path: r.target, mode: 'read', argIndex: -1, strong: true });
    out.push({ path: r.target, mode, argIndex: -1, strong: true });
  }
  const argv = c.argv;
  const name = c.name;
  if (argv.length < 2) return out;
  const add = (i: number, mode: AccessMode, strong = true): void => {
    const p = argv[i];
    if (p !== undefined && isPathLike(p)) out.push({ path: p, mode, argIndex: i, strong });
  };
  const pos = (opts?: ReadonlySet<string>): number[] => positionalIndexes(argv, opts ?? VALUE_OPTS[name]);

  switch (name) {
    case 'rm': case 'unlink': case 'shred': case 'srm': case 'trash': case 'trash-put': case 'rmdir':
      for (const i of pos()) add(i, 'delete');
      return out;
    case 'truncate': case 'dos2unix': case 'unix2dos':
      for (const i of pos(new Set(['-s', '--size', '-r', '--reference']))) add(i, 'write');
      return out;
    case 'tee': case 'sponge':
      for (const i of pos()) add(i, 'write');
      return out;
    case 'cp': case 'install': case 'mv': case 'ln': {
      const ps = pos();
      const t = optIndex(argv, ['-t', '--target-directory']);
      if (name === 'ln') { if (ps.length >= 2) add(ps[ps.length - 1]!, 'write'); return out; }
      if (t >= 0) { add(t, 'write'); for (const i of ps) { add(i, 'read'); if (name === 'mv') add(i, 'delete'); } return out; }
      if (ps.length < 2) return out;
      for (const i of ps.slice(0, -1)) { add(i, 'read'); if (name === 'mv') add(i, 'delete'); }
      add(ps[ps.length - 1]!, 'write');
      return out;
    }
    case 'dd':
      for (let i = 1; i < argv.length; i++) {
        const a = argv[i]!;
        if (a.startsWith('if=')) out.push({ path: a.slice(3), mode: 'read', argIndex: i, strong: true });
        else if (a.startsWith('of=')) out.push({ path: a.slice(3), mode: 'write', argIndex: i, strong: true });
      }
      return out;
    case 'sed': case 'perl': case 'ruby': {
      const inPlace = argv.some((a, i) => i > 0 && (a === '--in-place' || a.startsWith('--in-place=') || (/^-[a-zA-Z]*i/.test(a) && !a.startsWith('--'))));
      if (name !== 'sed' && !inPlace) return out;
      const ps = pos();
      const explicitScript = name !== 'sed' || argv.some((a) => a === '-e' || a === '-f' || a === '--expression' || a === '--file' || a.startsWith('--expression='));
      for (const i of explicitScript ? ps : ps.slice(1)) add(i, inPlace ? 'write' : 'read');
      return out;
    }
    case 'scp': case 'rsync': case 'sftp': case 'rclone': {
      const ps = pos();
      if (name === 'rclone') ps.shift(); // the subcommand
      ps.forEach((i, k) => {
        const a = argv[i]!;
        if (/^[^/\s]{1,256}:/.test(a) && !/^[a-zA-Z]:[\\/]/.test(a)) return; // remote
        add(i, k === ps.length - 1 && ps.length > 1 ? 'write' : 'read');
      });
      return out;
    }
    case 'curl': case 'wget': case 'http': case 'xh': case 'https': {
      const outFile = name === 'curl' ? optLast(argv, ['-o', '--output']) : name === 'wget' ? optLast(argv, ['-O', '--output-document']) : -1;
      if (outFile >= 0 && argv[outFile] !== '-') add(outFile, 'write');
      return out.concat(uploadedFiles(c));
    }
    case 'find': {
      for (let i = 1; i < argv.length; i++) {
        const a = argv[i]!;
        if (a.startsWith('-') || a === '(' || a === '!') break;
        add(i, 'list');
      }
      return out;
    }
    case 'tar': case 'zip': case '7z': case '7za': {
      const create = name === 'tar' ? argv.some((a, i) => i > 0 && ((/^-?[a-zA-Z]*c/.test(a) && !a.startsWith('--')) || a === '--create')) : true;
      const ps = pos();
      const archive = name === 'tar' ? optIndex(argv, ['-f', '--file']) : ps[name === 'zip' ? 0 : 1] ?? -1;
      if (name === 'tar' && archive < 0) {
        // Bundled form: tar czf archive.tgz files…
        const b = argv[1] ?? '';
        if (/^-?[a-zA-Z]*f[a-zA-Z]*$/.test(b) && !b.startsWith('--')) {
          const rest = ps.filter((i) => i !== 1);
          if (rest.length > 0) add(rest[0]!, create ? 'write' : 'read');
          if (create) for (const i of rest.slice(1)) add(i, 'read');
          return out;
        }
      }
      if (archive >= 0) add(archive, create ? 'write' : 'read');
      if (create) for (const i of ps) if (i !== archive && !(name === '7z' && i === ps[0])) add(i, 'read');
      return out;
    }
  }
  if (NO_CONTENT.has(name)) {
    if (name === 'ls' || name === 'tree' || name === 'du' || name === 'exa' || name === 'eza' || name === 'lsd') for (const i of pos()) add(i, 'list');
    return out;
  }
  const known = READERS.has(name);
  let ps = pos();
  if (PATTERN_FIRST.has(name)) {
    const given = argv.some((a) => a === '-e' || a === '-f' || a === '--regexp' || a === '--file' || a.startsWith('--regexp=') || (name === 'jq' && a === '--from-file'));
    if (!given) ps = ps.slice(1);
  }
  const mode: AccessMode = EDITORS.has(name) ? 'write' : 'read';
  for (const i of ps) {
    if (i > 1 && USE_OPTS.has(argv[i - 1]!)) continue;
    add(i, mode, known);
    if (mode === 'write') add(i, 'read', known);
  }
  return out;
}

/** Files a curl/wget/httpie command sends: -d @f, --data-binary @f, -F x=@f, -T f, --post-file=f, httpie @f. */
export function uploadedFiles(c: ShellCommand): FileAccess[] {
  const out: FileAccess[] = [];
  const argv = c.argv;
  const push = (p: string, i: number): void => { if (p !== '' && p !== '-' && isPathLike(p)) out.push({ path: p, mode: 'read', argIndex: i, strong: true }); };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    if (c.name === 'curl') {
      if (/^(?:-d|--data|--data-binary|--data-ascii|--json)$/.test(a) && v?.startsWith('@')) { push(v.slice(1), i + 1); i++; continue; }
      if (/^-d@/.test(a)) { push(a.slice(3), i); continue; }
      if (/^--(?:data|data-binary|data-ascii|json)=@/.test(a)) { push(a.slice(a.indexOf('=@') + 2), i); continue; }
      if (a === '--data-urlencode' && v !== undefined) { const at = v.indexOf('@'); if (at >= 0 && !v.slice(0, at).includes('=')) push(v.slice(at + 1), i + 1); i++; continue; }
      if ((a === '-F' || a === '--form') && v !== undefined) { const m = /^[^=]{0,256}=[@<]([^;]{1,4096})/.exec(v); if (m) push(m[1]!, i + 1); i++; continue; }
      if ((a === '-T' || a === '--upload-file') && v !== undefined) { push(v, i + 1); i++; continue; }
      if (a.startsWith('--upload-file=')) { push(a.slice(14), i); continue; }
      if (a.startsWith('-T') && a.length > 2 && a[2] !== '-') { push(a.slice(2), i); continue; }
    } else if (c.name === 'wget' || c.name === 'wget2') {
      if ((a === '--post-file' || a === '--body-file') && v !== undefined) { push(v, i + 1); i++; continue; }
      if (a.startsWith('--post-file=') || a.startsWith('--body-file=')) { push(a.slice(a.indexOf('=') + 1), i); continue; }
    } else {
      // httpie / xh: field@file, field=@file, @file (raw body)
      const m = /^(?:[^=@:\s]{1,128}=?)?@([^\s]{1,4096})$/.exec(a);
      if (m && i > 1) push(m[1]!, i);
    }
  }
  return out;
}

function optLast(argv: readonly string[], opts: readonly string[]): number {
  let r = -1;
  for (let i = 1; i < argv.length - 1; i++) if (opts.includes(argv[i]!)) r = i + 1;
  return r;
}

function optIndex(argv: readonly string[], opts: readonly string[]): number {
  for (let i = 1; i < argv.length - 1; i++) if (opts.includes(argv[i]!)) return i + 1;
  return -1;
}

function positionalIndexes(argv: readonly string[], valueOpts: ReadonlySet<string> | undefined): number[] {
  const out: number[] = [];
  let opts = true;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (opts && a === '--') { opts = false; continue; }
    if (opts && a.length > 1 && a.charCodeAt(0) === 45) {
      if (valueOpts?.has(a)) i++;
      continue;
    }
    out.push(i);
  }
  return out;
}
