/**
 * Top-level schema constructions are marked `/*@__PURE__*\/` (src/emit/pure.ts),
 * so a bundler leaves out what an app does not import: an app using one
 * schema of a module does not carry the module's other schemas, callbacks
 * and services. Checked with esbuild on the committed generated code.
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/cli.js';

/** A minified ES module bundle of `entry`, resolved from the repository root. */
async function bundle(entry: string): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: repoRoot, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles.map((f) => f.text).join('\n');
}

const chat = join(repoRoot, 'generated', 'chat.schema.ts');
const board = join(repoRoot, 'generated', 'board.schema.ts');

describe('generated schemas in a bundle', () => {
  it('carry what the app imports and what that uses', async () => {
    const text = await bundle(
      `import { MemberSchema } from ${JSON.stringify(chat)};\nconsole.log(MemberSchema);`,
    );
    expect(text).toContain('joinedAt'); // Member
    expect(text).toContain('offline'); // Presence, which Member uses
  });

  it('leave out the schemas, callbacks and services of the module the app does not use', async () => {
    const text = await bundle(
      `import { MemberSchema } from ${JSON.stringify(chat)};\nconsole.log(MemberSchema);`,
    );
    expect(text).not.toContain('replyTo'); // ChatMessage
    expect(text).not.toContain('messagePosted'); // ChatEvents
    expect(text).not.toContain('setPresence'); // Chat
  });

  it('leave them out of a module with recursive schemas too', async () => {
    const text = await bundle(
      `import { StageSchema } from ${JSON.stringify(board)};\nconsole.log(StageSchema);`,
    );
    expect(text).not.toContain('subtasks'); // Task
    expect(text).not.toContain('mediaType'); // Attachment
    expect(text).not.toContain('taskMoved'); // BoardEvents
  });

  it('keep everything a service uses when the app imports the service', async () => {
    const text = await bundle(
      `import { ChatService } from ${JSON.stringify(chat)};\nconsole.log(ChatService);`,
    );
    for (const word of ['replyTo', 'messagePosted', 'setPresence', 'joinedAt'])
      expect(text).toContain(word);
  });
});
