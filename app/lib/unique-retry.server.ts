/**
 * Numbering (receipt numbers, certificate series) takes the next free number inside the writing transaction; two
 * writers in different processes can still race for the same one, and the unique index refuses the loser. The loser
 * runs the whole command again: by then the winner's number is visible and it takes the next.
 */
const ATTEMPTS = 5;

export function isUniqueViolation(error: unknown): boolean {
  return /UNIQUE|unique/.test(String(error));
}

export function withUniqueRetry<A extends unknown[], R>(command: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await command(...args);
      } catch (error) {
        if (attempt >= ATTEMPTS || !isUniqueViolation(error)) throw error;
      }
    }
  };
}
