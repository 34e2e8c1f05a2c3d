// Generates a large, realistic, deterministic contracts folder for benchmarks.
//
// The folder holds `files` contract files declaring `methods` methods in all.
// One file in ten is a shared module of data types only (shared-00.ts also
// declares the generics Page<T> and Versioned<T>); the others each declare
// data types (string and numeric enums, literal unions, interfaces with
// optional and readonly members, arrays, tuples, nested objects, Records,
// Date, bigint, Uint8Array, T | null, Partial/Pick/Omit, a discriminated
// union), a callback interface and one or two services whose methods use
// them, importing from their group's shared module and from the file before
// them. Every type name is unique across the folder so that no generated name
// can collide. The output is valid for `tsc --strict` and meant to be clean
// for `contract-gen check`.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const NOUNS = [
  'Order',
  'Invoice',
  'Customer',
  'Product',
  'Shipment',
  'Ticket',
  'Account',
  'Project',
  'Task',
  'Document',
  'Payment',
  'Subscription',
  'Device',
  'Sensor',
  'Report',
  'Campaign',
  'Lead',
  'Agreement',
  'Asset',
  'Booking',
  'Room',
  'Vehicle',
  'Route',
  'Warehouse',
  'Supplier',
  'Employee',
  'Course',
  'Lesson',
  'Article',
  'Review',
  'Playlist',
  'Album',
  'Recipe',
  'Survey',
  'Parcel',
  'Policy',
  'Claim',
];
const QUALIFIERS = [
  '',
  'Archived',
  'Shared',
  'Pending',
  'Recent',
  'Starred',
  'Team',
  'Public',
  'Draft',
  'Flagged',
];

/**
 * A small seeded PRNG (mulberry32): the same seed gives the same folder, everywhere.
 * @param {number} seed
 * @returns {() => number}
 */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n, width) => String(n).padStart(width, '0');
const lower = (s) => s[0].toLowerCase() + s.slice(1);
const cap = (s) => s[0].toUpperCase() + s.slice(1);
const a = (word) => (/^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`);

/** The plan: which file is what, and how many methods each declares. */
export function planContracts({ files = 300, methods = 10_000 } = {}) {
  const plan = [];
  for (let i = 0; i < files; i++) {
    const shared = i % 10 === 0;
    const group = Math.floor(i / 10);
    const noun = NOUNS[i % NOUNS.length];
    plan.push({
      index: i,
      group,
      shared,
      noun,
      file: shared ? `shared-${pad(group, 2)}.ts` : `${lower(noun)}s-${pad(i, 3)}.ts`,
      methods: 0,
    });
  }
  const methodFiles = plan.filter((p) => !p.shared);
  if (methodFiles.length === 0)
    throw new Error('generate-contracts: need at least one file that is not shared');
  const base = Math.floor(methods / methodFiles.length);
  const extra = methods - base * methodFiles.length;
  methodFiles.forEach((p, k) => (p.methods = base + (k < extra ? 1 : 0)));
  return plan;
}

/**
 * Writes the folder (replacing any other .ts file in it) and returns
 * `{ dir, files, methods, services, callbacks, types }`.
 */
export function generateContracts(dir, { files = 300, methods = 10_000, seed = 20_260_101 } = {}) {
  const plan = planContracts({ files, methods });
  const stats = { dir, files: plan.length, methods: 0, services: 0, callbacks: 0, types: 0 };
  const sources = new Map();
  for (const entry of plan) {
    const rand = prng(seed + entry.index * 7919);
    const out = entry.shared ? sharedModule(entry) : methodModule(entry, plan, rand);
    sources.set(entry.file, out.text);
    stats.methods += out.methods;
    stats.services += out.services;
    stats.callbacks += out.callbacks;
    stats.types += out.types;
  }
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) {
    if (!sources.has(name)) rmSync(join(dir, name), { recursive: true, force: true });
  }
  for (const [name, text] of sources) writeFileSync(join(dir, name), text);
  if (stats.methods !== methods)
    throw new Error(`generate-contracts: wrote ${stats.methods} methods, meant ${methods}`);
  return stats;
}

function sharedModule({ group }) {
  const g = pad(group, 2);
  const generics =
    group === 0
      ? `/** One page of a longer list. Pass \`next\` back to get the following page. */
export interface Page<T> {
  items: T[];
  /** Absent on the last page. */
  next?: string;
  total: number;
}

/** A value with its version, as kept in the history. */
export interface Versioned<T> {
  version: number;
  value: T;
  changedAt: Date;
}

`
      : '';
  const text = `// Shared data types of group ${g}.

${generics}/** Where something is, roughly. */
export enum Region${g} {
  North = 'north',
  South = 'south',
  East = 'east',
  West = 'west',
}

/** A postal address. */
export interface Address${g} {
  street: string;
  city: string;
  postalCode?: string;
  region: Region${g};
  /** \`[latitude, longitude]\`, when known. */
  geo: [lat: number, lon: number] | null;
}

/** Who did something, and when. */
export interface Audit${g} {
  by: string;
  at: Date;
  reason?: string;
}

/** An amount of money in minor units (cents), as a 64-bit integer. */
export interface Money${g} {
  currency: 'EUR' | 'USD' | 'GBP' | 'JPY';
  amount: bigint;
}

/** A node of a tree of categories: a recursive type. */
export interface Category${g} {
  id: string;
  label: string;
  children: Category${g}[];
}
`;
  return { text, methods: 0, services: 0, callbacks: 0, types: group === 0 ? 7 : 5 };
}

function methodModule(entry, plan, rand) {
  const { index, group, noun } = entry;
  const g = pad(group, 2);
  const N = `${noun}${pad(index, 3)}`; // Order017: unique across the folder
  const plural = `${noun}s`;
  const S = `${plural}${pad(index, 3)}`; // the service: Orders017
  const prevEntry = plan[index - 1] && !plan[index - 1].shared ? plan[index - 1] : undefined;
  const P = prevEntry ? `${prevEntry.noun}${pad(prevEntry.index, 3)}` : undefined;
  const numericEnum = index % 2 === 1;
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const maybe = (p) => rand() < p;

  const types = [];
  types.push(`/** Lifecycle of ${a(lower(noun))}. */
export enum ${N}Status {
  Draft = 'draft',
  Open = 'open',
  Closed = 'closed',
  Cancelled = 'cancelled',
}`);
  if (numericEnum) {
    types.push(`/** How urgent ${a(lower(noun))} is. Numeric on the wire. */
export enum ${N}Priority {
  Low,
  Normal,
  High,
  Urgent,
}`);
  }
  types.push(
    `export type ${N}Kind = ${pick([
      `'standard' | 'express' | 'bulk'`,
      `'internal' | 'external'`,
      `'a' | 'b' | 'c' | 'd'`,
      `'personal' | 'business' | 'public'`,
    ])};`,
  );
  types.push(`/** One line of ${a(lower(noun))}. */
export interface ${N}Line {
  sku: string;
  quantity: number;
  price: Money${g};
  note?: string;
}`);

  // The main entity: a fixed core plus a seeded selection of optional extras.
  const extras = [
    ['owner', 'string'],
    ['address', `Address${g}`],
    ['attributes', 'Record<string, string>'],
    ['counters', 'Record<string, number>'],
    ['updated?', `Audit${g}`],
    ['parent?', 'bigint'],
    ['category', `Category${g}`],
    ['checksum?', 'Uint8Array'],
    ['flags', '{ pinned: boolean; archived: boolean; score?: number }'],
    ['window', '[from: Date, to?: Date]'],
    ['history', `readonly Audit${g}[]`],
    ['rating', '1 | 2 | 3 | 4 | 5'],
    ['description', 'string | null'],
    ['weights', 'number[][]'],
  ].filter(() => maybe(0.6));
  const fields = [
    `  /** 64-bit id; a decimal string on the wire. */\n  readonly id: bigint;`,
    `  name: string;`,
    `  status: ${N}Status;`,
    `  kind: ${N}Kind;`,
    ...(numericEnum ? [`  priority: ${N}Priority;`] : []),
    `  lines: ${N}Line[];`,
    `  tags: readonly string[];`,
    `  total: Money${g};`,
    `  created: Audit${g};`,
    `  due: Date | null;`,
    ...extras.map(([k, t]) => `  ${k}: ${t};`),
    ...(P ? [`  related?: ${P}Summary[];`] : []),
  ];
  types.push(`/** ${cap(a(lower(noun)))} as clients see it. */
export interface ${N} {
${fields.join('\n')}
}`);
  types.push(`/** The short form of ${a(lower(noun))}, for lists. */
export interface ${N}Summary {
  readonly id: bigint;
  name: string;
  status: ${N}Status;
  total: Money${g};
}`);
  types.push(`/** What \`list\` and \`count\` select; every field narrows the result. */
export interface ${N}Filter {
  status?: ${N}Status[];
  kind?: ${N}Kind;
  owner?: string;
  region?: Region${g};
  createdAfter?: Date;
  text?: string;
  limit?: number;
}`);
  types.push(`/** The fields an update may change. */
export type ${N}Patch = Partial<Pick<${N}, 'name' | 'status' | 'kind' | 'tags' | 'due'>>;`);
  types.push(`/** What a client sends to create ${a(lower(noun))}. */
export type ${N}Draft = Omit<${N}, 'id' | 'created' | 'total'>;`);
  types.push(`/** A change to ${a(lower(noun))}, as subscribers see it. */
export type ${N}Change =
  | { kind: 'created'; item: ${N} }
  | { kind: 'updated'; id: bigint; patch: ${N}Patch }
  | { kind: 'removed'; id: bigint; at: Date };`);
  const extraTypes = Math.floor(rand() * 3);
  for (let k = 0; k < extraTypes; k++) {
    types.push(`/** Details of ${a(lower(noun))}, part ${k + 1}. */
export interface ${N}Detail${k + 1} {
  key: string;
  values: number[];
  enabled: boolean;
  at?: Date;
  note: string | null;
}`);
  }
  const detail = extraTypes > 0 ? `${N}Detail1` : `${N}Line`;

  // Methods: templates cycled, a qualifier added per cycle to keep names unique.
  const serviceTemplates = [
    (q) => `get${q}${noun}(id: bigint): Promise<${N}>`,
    (q) => `find${q}${noun}(name: string, region?: Region${g}): Promise<${N} | null>`,
    (q) => `list${q}${plural}(filter: ${N}Filter, cursor?: string): Promise<Page<${N}Summary>>`,
    (q) => `create${q}${noun}(draft: ${N}Draft): Promise<${N}>`,
    (q) => `update${q}${noun}(id: bigint, patch: ${N}Patch): Promise<${N}>`,
    (q) => `remove${q}${noun}(id: bigint): Promise<void>`,
    (q) => `count${q}${plural}(filter?: ${N}Filter): Promise<number>`,
    (q) => `rename${q}${noun}(id: bigint, name: string): Promise<${N}Summary>`,
    (q) => `tag${q}${plural}(ids: bigint[], tags: readonly string[]): Promise<number>`,
    (q) => `history${q}${noun}(id: bigint, since?: Date): Promise<Versioned<${N}>[]>`,
    (q) => `stats${q}${noun}(from: Date, to: Date): Promise<Record<string, number>>`,
    (q) => `move${q}${noun}(id: bigint, to: Address${g}): Promise<boolean>`,
    (q) => `categories${q}${noun}(root: string): Promise<Category${g}>`,
    (q) =>
      `setStatus${q}${noun}(id: bigint, status: ${N}Status, reason?: string): Promise<${N}Change>`,
    (q) => `attach${q}${noun}(id: bigint, name: string, bytes: Uint8Array): Promise<string>`,
    (q) =>
      `apply${q}${noun}Changes(changes: ${N}Change[]): Promise<{ applied: number; failed: bigint[] }>`,
    (q) =>
      `range${q}${plural}(bounds: [from: Date, to?: Date]): Promise<[count: number, total: Money${g}]>`,
    (q) => `details${q}${noun}(id: bigint): Promise<Record<string, ${detail}>>`,
    (q) => `page${q}${noun}Lines(id: bigint, cursor?: string): Promise<Page<${N}Line>>`,
    ...(P ? [(q) => `related${q}${noun}(id: bigint): Promise<${P}Summary[]>`] : []),
    (q) => `watch${q}${plural}(filter: ${N}Filter, events: ${N}Events): Promise<number>`,
  ];
  const callbackTemplates = [
    (q) => `${lower(noun)}${q}Created(item: ${N}): void`,
    (q) => `${lower(noun)}${q}Changed(change: ${N}Change): void`,
    (q) => `${lower(noun)}${q}Removed(id: bigint, at: Date): void`,
    (q) => `progress${q}(done: number, total: number, note?: string): void`,
    (q) => `status${q}Changed(id: bigint, from: ${N}Status, to: ${N}Status): void`,
    (q) => `summaries${q}Updated(items: ${N}Summary[]): void`,
    (q) => `alert${q}(level: 'info' | 'warn' | 'error', message: string): void`,
    (q) => `counters${q}Changed(counters: Record<string, number>, at: Date): void`,
  ];
  const callbackCount = Math.max(3, Math.round(entry.methods / 4));
  const serviceCount = entry.methods - callbackCount;
  const instantiate = (templates, count) =>
    Array.from({ length: count }, (_, k) =>
      templates[k % templates.length](QUALIFIERS[Math.floor(k / templates.length)] ?? `V${k}`),
    );
  const documented = (signature, k) => {
    if (k % 3 !== 0) return `  ${signature};`;
    const name = signature.slice(0, signature.indexOf('('));
    const params = topLevelParams(signature);
    const tags = params.map((p) => `\n   * @param ${p} The ${p}.`).join('');
    return `  /**\n   * ${name}: generated for the benchmark.${tags}\n   */\n  ${signature};`;
  };
  const callbackMethods = instantiate(callbackTemplates, callbackCount).map(documented);
  const serviceMethods = instantiate(serviceTemplates, serviceCount).map(documented);
  const twoServices = index % 7 === 3 && serviceMethods.length >= 10;
  const cut = twoServices ? Math.ceil(serviceMethods.length * 0.7) : serviceMethods.length;

  const blocks = [...types];
  blocks.push(`/** Events about ${lower(plural)}, sent to the clients that watch them. */
export interface ${N}Events extends Callback {
${callbackMethods.join('\n')}
}`);
  blocks.push(`/** ${plural}: read, change and watch them. */
export interface ${S} extends Service {
${serviceMethods.slice(0, cut).join('\n')}
}`);
  if (twoServices) {
    blocks.push(`/** Administration of ${lower(plural)}. */
export interface ${S}Admin extends Service {
${serviceMethods.slice(cut).join('\n')}
}`);
  }
  const body = blocks.join('\n\n');

  // Import exactly what the body uses.
  const uses = (name) => new RegExp(`\\b${name}\\b`).test(body);
  const imports = [];
  const markers = ['Callback', 'Service'].filter(uses);
  imports.push(`import type { ${markers.join(', ')} } from 'contract-gen';`);
  const fromShared = (grp, names) => {
    const used = names.filter(uses);
    if (used.length > 0)
      imports.push(`import type { ${used.join(', ')} } from './shared-${pad(grp, 2)}.js';`);
  };
  const groupNames = ['Address', 'Audit', 'Category', 'Money', 'Region'].map((n) => `${n}${g}`);
  if (group === 0) fromShared(0, ['Page', 'Versioned', ...groupNames]);
  else {
    fromShared(0, ['Page', 'Versioned']);
    fromShared(group, groupNames);
  }
  if (P && uses(`${P}Summary`))
    imports.push(`import type { ${P}Summary } from './${prevEntry.file.replace(/\.ts$/, '.js')}';`);

  const text = `// Contract ${entry.file}: generated for the benchmark.\n${imports.join('\n')}\n\n${body}\n`;
  return {
    text,
    methods: callbackMethods.length + serviceMethods.length,
    services: twoServices ? 2 : 1,
    callbacks: 1,
    types: types.length,
  };
}

/** The parameter names of a method signature `name(a: T, b?: U): R`, ignoring labels nested in types. */
function topLevelParams(signature) {
  const names = [];
  let depth = 0;
  let start = signature.indexOf('(') + 1;
  for (let i = start; i < signature.length; i++) {
    const c = signature[i];
    if ('([{<'.includes(c)) depth++;
    else if (c === '>' && signature[i - 1] === '=') continue;
    else if (')]}>'.includes(c)) {
      if (depth === 0) {
        names.push(signature.slice(start, i));
        break;
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      names.push(signature.slice(start, i));
      start = i + 1;
    }
  }
  return names.map((p) => p.trim().match(/^(\w+)/)?.[1]).filter(Boolean);
}
