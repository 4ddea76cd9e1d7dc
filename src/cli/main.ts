// The `zhifa` command as a program: runs one command with this process's arguments and environment.
// Compiled to dist/cli.js; bin/zhifa.mjs loads it (or this file through tsx in development).
import { runCli } from './index';

process.exitCode = await runCli(process.argv.slice(2), process.env);
