// The generated section of README.md that holds the BPMN coverage table.

export const COVERAGE_START = '<!-- coverage:start -->';
export const COVERAGE_END = '<!-- coverage:end -->';

/** `readme` with the text between the coverage markers replaced by `table`. Throws when the markers are missing. */
export function withCoverageTable(readme: string, table: string): string {
  const start = readme.indexOf(COVERAGE_START);
  const end = readme.indexOf(COVERAGE_END, start);
  if (start < 0 || end < 0) throw new Error(`README.md has no ${COVERAGE_START} ... ${COVERAGE_END} section`);
  return `${readme.slice(0, start + COVERAGE_START.length)}\n${table}\n${readme.slice(end)}`;
}
