// Types of bundle-chat-page.mjs, for the TypeScript that imports it (tests).

/** Where the built page goes (build/web/chat); examples/chat/server.ts serves it from there. */
export const chatPageOut: string;

/** Writes app.js, index.html and style.css to `out` (default `chatPageOut`); resolves to `out`. */
export function bundleChatPage(out?: string): Promise<string>;
