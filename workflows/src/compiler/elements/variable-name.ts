/** What a case variable name may look like, in words for messages. */
export const VARIABLE_NAME_RULE = 'a variable name of letters, digits and _ (not starting with a digit)';

/** A case variable name: letters, digits and _, not starting with a digit. */
export function isVariableName(name: string): boolean {
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name);
}
