/**
 * Which pages load the client bundle. A route whose `handle` is `htmlOnly` is served as plain HTML: no script, no
 * hydration, every link and form a full request (README D68). The public pages every visitor reads alike are such pages:
 * they need no JavaScript to work, and a phone on a slow network should not download React to read them.
 */
export type PageHandle = { hydrate?: boolean };

export const htmlOnly: PageHandle = { hydrate: false };

/** True unless a matched route asks for plain HTML (the root and any layout route hydrate by default). */
export function wantsScripts(matches: ReadonlyArray<{ handle?: unknown }>): boolean {
  return !matches.some((match) => (match.handle as PageHandle | undefined)?.hydrate === false);
}
