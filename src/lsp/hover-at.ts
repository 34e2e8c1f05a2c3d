import type { CallbackInterface, Contract, Method, ServiceInterface } from '../contract/model.js';
import type { Position, Range } from 'vscode-languageserver';
import { spanContains, spanToRange } from './span-range.js';
import { describeWire } from './describe-refinement.js';

export interface HoverText {
  /** Markdown. */
  readonly markdown: string;
  readonly range: Range;
}

/**
 * What the cursor is on, when it is a service or callback interface (its
 * first line) or one of their methods: the kind, and for callbacks why it is
 * one (a marker, or being passed to a service method) and that it is one-way.
 * `file` is relative to the contracts folder, as spans name files.
 */
export function hoverAt(
  contract: Contract,
  file: string,
  position: Position,
): HoverText | undefined {
  const interfaces: (ServiceInterface | CallbackInterface)[] = [
    ...contract.services,
    ...contract.callbacks,
  ];
  for (const owner of interfaces) {
    if (owner.span.file !== file || !spanContains(owner.span, position)) continue;
    const method = owner.methods.find((m) => spanContains(m.span, position));
    const param = method?.params.find((p) => spanContains(p.span, position));
    const wire = param && describeWire(param.type, contract);
    if (param && wire)
      return {
        markdown: `**parameter** \`${param.name}\` of \`${owner.name}.${method!.name}\` (contract-gen)\n\n${wire}`,
        range: spanToRange(param.span),
      };
    if (method) return { markdown: describeMethod(owner, method), range: spanToRange(method.span) };
    // Inside the body but on no method: only the header line names the interface.
    if (position.line === owner.span.line - 1)
      return { markdown: describeInterface(owner), range: spanToRange(owner.span) };
  }
  return hoverOnType(contract, file, position);
}

/** A property of a named object type, or a named alias, whose wire form has refinements (or an index signature) to show. */
function hoverOnType(contract: Contract, file: string, position: Position): HoverText | undefined {
  for (const type of contract.types) {
    if (type.span.file !== file || !spanContains(type.span, position)) continue;
    const def = type.definition;
    if (def.kind === 'object') {
      const property = def.properties.find((p) => spanContains(p.span, position));
      const wire = property && describeWire(property.type, contract);
      if (property && wire)
        return {
          markdown: `**property** \`${type.name}.${property.name}\` (contract-gen)\n\n${wire}`,
          range: spanToRange(property.span),
        };
      if (!property && def.rest)
        return {
          markdown: `**type** \`${type.name}\` (contract-gen)\n\n${describeWire({ kind: 'object', properties: def.properties, rest: def.rest }, contract)}`,
          range: spanToRange(type.span),
        };
    } else if (def.kind === 'alias') {
      const wire = describeWire(def.type, contract);
      if (wire)
        return {
          markdown: `**type** \`${type.name}\` (contract-gen)\n\n${wire}`,
          range: spanToRange(type.span),
        };
    }
  }
  return undefined;
}

function describeInterface(owner: ServiceInterface | CallbackInterface): string {
  const count = `${owner.methods.length} method${owner.methods.length === 1 ? '' : 's'}`;
  if (owner.kind === 'service') {
    return `**service** \`${owner.name}\` (contract-gen)\n\nMethods a client calls on the server; each returns a \`Promise\`. ${count}.`;
  }
  const why =
    owner.origin === 'marker'
      ? 'marked `extends Callback`'
      : 'a callback because a service method takes it as a parameter (not marked `extends Callback`)';
  return `**callback interface** \`${owner.name}\` (contract-gen)\n\nOne-way events the server sends to a client: ${why}. Every method returns \`void\`. ${count}.`;
}

function describeMethod(owner: ServiceInterface | CallbackInterface, method: Method): string {
  const name = `\`${owner.name}.${method.name}\``;
  if (owner.kind === 'service') {
    return `**service method** ${name} (contract-gen)\n\nCalled by a client; the server answers with \`${method.returnsText}\`.`;
  }
  const returns =
    method.returns.kind === 'void'
      ? 'returns `void`'
      : `must return \`void\`, not \`${method.returnsText}\``;
  return `**callback method** ${name} (contract-gen)\n\nA one-way event: the server queues it for the client and never waits for it; ${returns}.`;
}
