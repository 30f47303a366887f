/** The partial name being typed after the last `@` of a comment, or null when none is. */
export const mentionPrefix = (text: string): string | null => /@([^\s@，。,.:：;；!！?？、）)]*)$/.exec(text)?.[1] ?? null
