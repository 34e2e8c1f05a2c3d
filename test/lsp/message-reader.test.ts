import { describe, expect, it } from 'vitest';
import { createMessageReader, encodeMessage, maxBodyBytes, type FramingError } from '../../src/lsp/message-reader.js';

function collect() {
  const messages: unknown[] = [];
  const errors: FramingError[] = [];
  const reader = createMessageReader(
    (m) => messages.push(m),
    (e) => errors.push(e),
  );
  return { reader, messages, errors };
}

const frame = (body: string, header = 'Content-Length') => Buffer.from(`${header}: ${Buffer.byteLength(body)}\r\n\r\n${body}`);

describe('createMessageReader', () => {
  it('reads a message split into one-byte chunks, a multi-byte character included', () => {
    const { reader, messages, errors } = collect();
    const bytes = encodeMessage({ jsonrpc: '2.0', method: 'x', params: { text: 'café — 🎉' } });
    for (const byte of bytes) reader.push(Uint8Array.of(byte));
    expect(messages).toEqual([{ jsonrpc: '2.0', method: 'x', params: { text: 'café — 🎉' } }]);
    expect(errors).toEqual([]);
  });

  it('reads several messages from one chunk, in order', () => {
    const { reader, messages } = collect();
    reader.push(Buffer.concat([encodeMessage({ id: 1 }), encodeMessage({ id: 2 }), encodeMessage({ id: 3 }).subarray(0, 10)]));
    expect(messages).toEqual([{ id: 1 }, { id: 2 }]);
    reader.push(encodeMessage({ id: 3 }).subarray(10));
    expect(messages).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  it('counts Content-Length in bytes, not characters', () => {
    expect(encodeMessage({ t: 'é' }).toString('latin1')).toMatch(/^Content-Length: 10\r\n\r\n/);
  });

  it('takes header names in any case and ignores Content-Type', () => {
    const { reader, messages } = collect();
    const body = '{"id":7}';
    reader.push(Buffer.from(`content-type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: ${body.length}\r\n\r\n${body}`));
    expect(messages).toEqual([{ id: 7 }]);
  });

  it('reports bad JSON and goes on with the next message', () => {
    const { reader, messages, errors } = collect();
    reader.push(Buffer.concat([frame('{"id": 1,'), encodeMessage({ id: 2 })]));
    expect(errors).toEqual([expect.objectContaining({ code: 'bad-json' })]);
    expect(messages).toEqual([{ id: 2 }]);
  });

  it('reports a header without Content-Length, or with a bad one, and goes on', () => {
    const { reader, messages, errors } = collect();
    reader.push(Buffer.from('Content-Type: x\r\n\r\n'));
    reader.push(encodeMessage({ id: 1 }));
    reader.push(Buffer.from('Content-Length: twelve\r\n\r\n'));
    reader.push(encodeMessage({ id: 2 }));
    expect(errors.map((e) => e.code)).toEqual(['bad-header', 'bad-header']);
    expect(messages).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('skips garbage before a header and finds the message after it, reporting the garbage once', () => {
    const { reader, messages, errors } = collect();
    reader.push(Buffer.concat([Buffer.from('garbage without a colon\r\nmore\r\n\r\nstill garbage '), encodeMessage({ id: 1 })]));
    expect(messages).toEqual([{ id: 1 }]);
    expect(errors).toHaveLength(1);
  });

  it('refuses a body over the limit instead of buffering it', () => {
    const { reader, messages, errors } = collect();
    reader.push(Buffer.from(`Content-Length: ${maxBodyBytes + 1}\r\n\r\n`));
    reader.push(encodeMessage({ id: 1 }));
    expect(errors).toEqual([expect.objectContaining({ code: 'bad-header', message: expect.stringContaining('over the limit') })]);
    expect(messages).toEqual([{ id: 1 }]);
  });

  it('drops a header that never ends instead of growing without bound', () => {
    const { reader, messages, errors } = collect();
    reader.push(Buffer.alloc(20_000, 'a'));
    expect(errors).toEqual([expect.objectContaining({ code: 'bad-header' })]);
    reader.push(encodeMessage({ id: 1 }));
    expect(messages).toEqual([{ id: 1 }]);
  });
});
