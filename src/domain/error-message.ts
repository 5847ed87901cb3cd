// What a caught value says: an Error's message, or the value itself as text (a library
// may throw a string).

export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
