import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ContractError,
  errorStatus,
  fromErrorBody,
  ServiceError,
  toErrorBody,
} from '../../runtime/src/protocol/index.js';

describe('toErrorBody', () => {
  it('keeps a ContractError with its fields', () => {
    const error = new ContractError(
      'BAD_ARGUMENT',
      'Invalid args[0]: expected a string, received 1.',
      { path: 'args[0]', expected: 'a string', received: '1', cause: new Error('inner') },
    );
    expect(toErrorBody(error)).toEqual({
      status: 400,
      body: {
        error: {
          code: 'BAD_ARGUMENT',
          message: 'Invalid args[0]: expected a string, received 1.',
          path: 'args[0]',
          expected: 'a string',
          received: '1',
        },
      },
    });
  });

  it('gives a ServiceError status 422 and its details', () => {
    expect(toErrorBody(new ServiceError('OVERFLOW', 'too big', { max: 1 }))).toEqual({
      status: 422,
      body: { error: { code: 'OVERFLOW', message: 'too big', details: { max: 1 } } },
    });
  });

  it.each([
    new Error('db password is hunter2'),
    new TypeError('x is undefined'),
    'a string',
    null,
    undefined,
    { code: 'FORBIDDEN', message: 'fake' },
  ])('turns %s into a generic 500 that says nothing of it', (thrown) => {
    const { status, body } = toErrorBody(thrown);
    expect(status).toBe(500);
    expect(body.error.code).toBe('INTERNAL');
    expect(JSON.stringify(body)).not.toMatch(/hunter2|undefined|fake|stack/);
  });

  it('never answers an error with a success status', () => {
    expect(toErrorBody(new ContractError('ODD', 'odd', { status: 200 })).status).toBe(500);
  });

  it('has a status for every code', () => {
    expect(errorStatus).toMatchObject({
      BAD_REQUEST: 400,
      BAD_ARGUMENT: 400,
      TOO_DEEP: 400,
      UNAUTHENTICATED: 401,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      METHOD_NOT_ALLOWED: 405,
      UNKNOWN_CLIENT: 410,
      TOO_LARGE: 413,
      UNSUPPORTED_MEDIA_TYPE: 415,
      INTERNAL: 500,
      NOT_IMPLEMENTED: 501,
    });
    expect(new ContractError('FORBIDDEN', 'no').status).toBe(403);
  });
});

describe('fromErrorBody', () => {
  it('rebuilds what toErrorBody wrote', () => {
    const sent = new ContractError('BAD_ARGUMENT', 'bad', {
      path: 'args[1]',
      expected: 'x',
      received: 'y',
    });
    const { status, body } = toErrorBody(sent);
    const rebuilt = fromErrorBody(status, JSON.parse(JSON.stringify(body)));
    expect(rebuilt).toBeInstanceOf(ContractError);
    expect(rebuilt).toMatchObject({
      code: 'BAD_ARGUMENT',
      status: 400,
      message: 'bad',
      path: 'args[1]',
      expected: 'x',
      received: 'y',
    });
  });

  it('rebuilds a ServiceError from a 422', () => {
    const rebuilt = fromErrorBody(422, {
      error: { code: 'OVERFLOW', message: 'too big', details: { max: 1 } },
    });
    expect(rebuilt).toBeInstanceOf(ServiceError);
    expect(rebuilt).toMatchObject({ code: 'OVERFLOW', status: 422, details: { max: 1 } });
  });

  it('reports foreign bodies', () => {
    expect(fromErrorBody(503, '<html>')).toMatchObject({ code: 'UNAVAILABLE', status: 503 });
    expect(fromErrorBody(404, { message: 'nope' })).toMatchObject({
      code: 'BAD_RESPONSE',
      status: 404,
    });
  });
});

describe('browser safety', () => {
  const root = join(import.meta.dirname, '../../runtime/src');
  it.each(['protocol', 'schema', 'client'])('runtime/src/%s uses no Node built-ins', (folder) => {
    for (const file of readdirSync(join(root, folder))) {
      // Code only: comments may well mention Buffer or Node.
      const text = readFileSync(join(root, folder, file), 'utf8').replace(
        /\/\*[\s\S]*?\*\/|\/\/.*$/gm,
        '',
      );
      expect(text, file).not.toMatch(/from ['"]node:|require\(|\bBuffer\b|(?<![\w.-])process\./);
      expect(text, file).not.toMatch(/from ['"]\.\.\/server\//);
    }
  });
});
