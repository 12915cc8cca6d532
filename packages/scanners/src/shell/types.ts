/** How a simple command was reached from the text that was scanned. */
export type Via =
  | 'top' // a command of the text itself (or inside a subshell, group, loop, function)
  | 'cmdsub' // inside $(…) or backticks: its stdout becomes a word of the parent
  | 'procsub' // inside <(…) or >(…)
  | 'code' // a code string run by the parent: sh -c, eval, su -c, watch, a here-document fed to a shell
  | 'remote' // a command run on another host: ssh host '…'
  | 'exec' // the command run by find -exec or xargs
  | 'decoded' // a literal (often base64) decoded and piped into a shell
  | 'written'; // text written to a file that is run later (cron line, rc file)

export interface Redirect {
  /** >, >>, <, &>, &>>, >&, <&, <>, >|, <<, <<< */
  op: string;
  fd: number | undefined;
  target: string;
}

export interface ShellCommand {
  /** Resolved words (quotes removed, $'…' decoded, known variables substituted); wrappers removed. */
  argv: string[];
  /** Lowercased basename of argv[0] ("" for a bare assignment or redirection). */
  name: string;
  /** Prefixes removed from the front: sudo, env, nohup, timeout… */
  wrappers: string[];
  /** Options given to sudo/doas (e.g. "-i", "-s"), to tell a root shell from sudo <cmd>. */
  sudoFlags: string[];
  /** NAME=value assignments before the command (or the whole command when it has no name). */
  assigns: Array<[string, string]>;
  redirects: Redirect[];
  /** Text fed on stdin by a here-document or here-string. */
  stdinText: string | undefined;
  /** Part path and UTF-16 span of the offending text in that part. */
  path: string;
  start: number;
  end: number;
  /** Per argv element: its span, or the command's span when the word came from decoded text. */
  argSpans: Array<[number, number]>;
  /** For argv-array input (Codex): the part path of each argv element, whose span is then the whole element. */
  argPaths: Array<string | undefined> | undefined;
  /** Pipelines this command sits in, as [pipeline id, position]; a subshell inside a pipeline adds its position. */
  pipes: Array<[number, number]>;
  via: Via;
  /** Index of the command this one is nested in (-1 at top level). */
  parent: number;
  /** For cmdsub/procsub: which argv element of the parent held it (0 = the command name; -1 = a redirect). */
  argIndex: number;
  depth: number;
  /** Directory from a preceding `cd` in the same list, when it is a literal. */
  cwd: string | undefined;
  /** Name of the function whose body holds this command. */
  inFunction: string | undefined;
  /** For commands of a decoded/written text: the text itself (bounded). */
  sourceText: string | undefined;
}

export interface ShellAnalysis {
  commands: ShellCommand[];
  /** unbash reported errors, or the fallback tokenizer was used. */
  degraded: boolean;
  /** Work limits were hit: some of the text was not analysed. */
  truncated: boolean;
}
