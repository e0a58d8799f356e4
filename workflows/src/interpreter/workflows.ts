// Entry point bundled by the Temporal worker: only workflow functions, only
// deterministic code behind them.
export { runSop } from './run-sop';
export { startCaseOnTimer } from './timer-start';
