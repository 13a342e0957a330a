/**
 * Nesting limits checked on the raw text, before anything recursive runs: JSON.parse, class-transformer
 * and the validators all recurse, and a 1 MiB body of `[[[[…` would overflow the stack (a 500) or block
 * the event loop for seconds. One pass, constant memory, no recursion.
 */
export const MAX_BODY_DEPTH = 32;

/** Whether the JSON text nests arrays/objects deeper than `max` (strings and escapes skipped). */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
