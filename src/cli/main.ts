// The command line: `npm run --silent cli -- <command> [options]`. Only dispatches: the commands are in
// ./commands (one file each), over the shared loader (./inputs) and output module (./output).
import { COMMANDS, MAIN_HELP } from './commands/index';
import { runCli } from './run';

// output piped into a program that stops reading (`| head`): stop quietly, not with a stack trace
process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0); });

runCli(process.argv.slice(2), COMMANDS, MAIN_HELP).then((code) => { process.exitCode = code; });
