/**
 * What `contract-gen init` writes: a project that runs as it is. The
 * contract lives in `contracts/`, outside the compiled `src/`; the code is
 * generated into `src/generated/` with the contract's types copied beside it
 * (`contractTypes: 'copy'`), so a tsconfig with `rootDir: "src"` compiles it.
 */

export const contract = `import type { Callback, Service } from 'contract-gen';

// A contract is plain TypeScript. Run \`npx contract-gen check\` after each edit,
// and \`npm run generate\` to (re)generate src/generated/.

/** A message as every subscriber sees it. Dates cross the wire as ISO strings. */
export interface Greeting {
  from: string;
  text: string;
  at: Date;
}

/**
 * Events the server sends to a client: one-way, so every method returns void.
 * Passing this interface to a service method is how a client subscribes.
 */
export interface GreeterEvents extends Callback {
  greeted(greeting: Greeting): void;
}

/** Methods a client calls on the server: each returns a Promise. */
export interface Greeter extends Service {
  /** Greets everyone listening and returns the greeting as sent. */
  greet(from: string, text: string): Promise<Greeting>;
  /** Subscribes \`events\` to every greeting; returns how many are listening. */
  listen(events: GreeterEvents): Promise<number>;
}
`;

export const config = `${JSON.stringify(
  { contracts: 'contracts', out: 'src/generated', contractTypes: 'copy' },
  null,
  2,
)}\n`;

export const tsconfig = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2022', 'DOM'],
      types: ['node'],
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      verbatimModuleSyntax: true,
      skipLibCheck: true,
      rootDir: 'src',
      outDir: 'build',
    },
    include: ['src'],
  },
  null,
  2,
)}\n`;

export const server = `// The server: \`npm run build && npm start\` (or \`npx tsx src/server.ts\`).
import { Broadcast } from '@contract-gen/runtime/server';
import { createServer } from '@contract-gen/runtime/server/node';
import { greeterHandlers } from './generated/greeter.server.js';
import type { GreeterEvents } from './generated/greeter.types.js';

// Every listener's events; one call on it queues the event for each of them.
const listeners = new Broadcast<GreeterEvents>();

const server = createServer({
  services: [
    greeterHandlers({
      listen(events) {
        listeners.add(events);
        return listeners.size;
      },
      greet(from, text) {
        const greeting = { from, text, at: new Date() };
        listeners.greeted(greeting); // queued for every listener, never awaited
        return greeting;
      },
    }),
  ],
});
const listening = await server.listen(Number(process.env.PORT ?? 3000));
console.log(\`listening on \${listening.url}\`);
`;

export const client = `// A client: \`npm run client\` (or \`npx tsx src/client.ts\`) while the server runs.
// On Node 20, WebSocket comes from the \`ws\` package; browsers, Deno, Bun and
// Node 22+ have their own, and need no option.
import { connect } from '@contract-gen/runtime/client';
import { WebSocket } from 'ws';
import { greeterClient } from './generated/greeter.client.js';
import type { Greeting } from './generated/greeter.types.js';

const url = process.argv[2] ?? 'http://localhost:3000';
const conn = connect(url, { WebSocket });
const greeter = greeterClient(conn);

let onGreeting: (greeting: Greeting) => void = () => {};
const received = new Promise<Greeting>((resolve) => (onGreeting = resolve));
// Subscribing: the server calls \`greeted\` on this object for every greeting.
const listeners = await greeter.listen({ greeted: (greeting) => onGreeting(greeting) });
console.log(\`listening with \${listeners - 1} other(s)\`);
await greeter.greet('client', 'hello');
const greeting = await received;
console.log(
  \`received over \${conn.transport}: \${greeting.from} said "\${greeting.text}" at \${greeting.at.toISOString()}\`,
);
conn.close();
`;

/** Generated code is committed (`npm run generate:check` tells when it is stale); builds are not. */
export const gitignore = 'node_modules/\nbuild/\n';
