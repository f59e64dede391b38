import { parseOptions, UsageError, type Command } from './args';
import { FsError, isSystemError, warn } from './output';

/** Exit codes: the CLI's contract. */
export const EXIT = { ok: 0, badInput: 1, usage: 2, internal: 70 } as const;

/**
 * Runs one command line: help, option checks, the command, and the mapping of failures to exit
 * codes: bad usage 2 (the reason and the command's usage), a file-system error 1 (`path: reason`),
 * anything unexpected 70 (one line; the stack trace only with DEBUG=1).
 * @example await runCli(['assign', '--help'], { assign }, MAIN_HELP) // 0
 */
export async function runCli(argv: readonly string[], commands: Record<string, Command>, mainHelp: string): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const about = name === 'help' && rest.length === 1 && Object.hasOwn(commands, rest[0]) ? commands[rest[0]] : null;
    process.stdout.write(about ? about.help : mainHelp);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (!Object.hasOwn(commands, name)) {
    process.stderr.write(`unknown command "${name.replace(/[^\x20-\x7e]/g, '?')}"\n\n${mainHelp}`);
    return EXIT.usage;
  }
  const command = commands[name];
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(parseOptions(rest, command.options));
  } catch (e) {
    if (e instanceof UsageError) {
      warn(e.message);
      if (e.usage) process.stderr.write(`\n${command.help}`);
      return EXIT.usage;
    }
    if (e instanceof FsError || isSystemError(e)) {
      warn((e instanceof FsError ? e : FsError.from(e)).message);
      return EXIT.badInput;
    }
    const message = e instanceof Error ? e.message : String(e);
    warn(`internal error: ${message.split('\n')[0]}${process.env.DEBUG === '1' ? '' : ' (run with DEBUG=1 for details)'}`);
    if (process.env.DEBUG === '1' && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return EXIT.internal;
  }
}
