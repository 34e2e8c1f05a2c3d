// Breaking rules for service references (issue 22): what a method returning a service may become.
import { describe, expect, it } from 'vitest';
import { changesBetween } from './compare-model.js';

const services = (result: string, roomMethods = 'post(text: string): Promise<void>;') => `
export interface Room extends Service {
  ${roomMethods}
}
export interface Lobby extends Service {
  post(text: string): Promise<void>;
}
export interface Catalog extends Service {
  room(id: string): Promise<${result}>;
}
`;

describe('breaking changes of service references', () => {
  it.each([
    ['the same reference', 'Room', 'Room', []],
    ['a reference to another service', 'Room', 'Lobby', ['CG408']],
    ['a reference becomes data', 'Room', 'string', ['CG408']],
    ['data becomes a reference', 'string', 'Room', ['CG408']],
  ])('%s', async (_, before, after, codes) => {
    const changes = await changesBetween(services(before), services(after));
    expect(changes.map((c) => c.diagnostic.code)).toEqual(codes);
  });

  it('compares the referenced service as a service: a method removed from it breaks its clients', async () => {
    const changes = await changesBetween(
      services('Room', 'post(text: string): Promise<void>; leave(): Promise<void>;'),
      services('Room'),
    );
    expect(changes.map((c) => c.diagnostic.code)).toEqual(['CG402']);
  });
});
