import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type Connection } from '@contract-gen/runtime/client';
import type { ListeningServer } from '@contract-gen/runtime/server/node';
import type { ChatEvents, ChatMessage, Member, Presence } from '../../contracts/chat.js';
import { chatClient } from '../../generated/chat.client.js';
import { chatLimits } from '../../examples/chat/chat-service.js';
import { startChatServer } from '../../examples/chat/server.js';

/** A chat member's view: everything its callbacks received, in order. */
function recorder() {
  const seen: string[] = [];
  const messages: ChatMessage[] = [];
  const events: ChatEvents = {
    messagePosted: (m) => {
      messages.push(m);
      seen.push(`message ${m.posted.by}: ${m.text}`);
    },
    memberJoined: (m: Member) => seen.push(`joined ${m.name}`),
    memberLeft: (name) => seen.push(`left ${name}`),
    presenceChanged: (name, presence: Presence) => seen.push(`presence ${name} ${presence}`),
  };
  return { seen, messages, events };
}

async function eventually(check: () => void, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

let server: ListeningServer;
const connections: Connection[] = [];
const open = () => {
  const conn = connect(server.url);
  connections.push(conn);
  return { conn, chat: chatClient(conn) };
};

beforeAll(async () => {
  server = await startChatServer(0);
});

afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  await server.close();
});

describe('the chat example with two clients', () => {
  it('shows each member the other’s messages, presence and leaving', async () => {
    const ann = open();
    const bob = open();
    const annView = recorder();
    const bobView = recorder();

    const first = await ann.chat.join('lobby', 'ann', annView.events);
    expect(first.members.map((m) => m.name)).toEqual(['ann']);
    const second = await bob.chat.join('lobby', 'bob', bobView.events);
    expect(second.members.map((m) => m.name).sort()).toEqual(['ann', 'bob']);
    await eventually(() => expect(annView.seen).toContain('joined bob'));

    const sent = await ann.chat.post('lobby', 'hi bob');
    expect(sent.posted.at).toBeInstanceOf(Date);
    await bob.chat.post('lobby', 'hi ann', sent.id);
    await bob.chat.setPresence('lobby', 'away');

    const conversation = ['message ann: hi bob', 'message bob: hi ann'];
    await eventually(() =>
      expect(bobView.seen.filter((s) => s.startsWith('message'))).toEqual(conversation),
    );
    await eventually(() =>
      expect(annView.seen).toEqual(['joined bob', ...conversation, 'presence bob away']),
    );
    expect(annView.messages[1]?.replyTo).toBe(sent.id);
    expect(annView.messages[0]?.posted.at).toBeInstanceOf(Date);

    // Bob's client goes away: his callbacks are released and he leaves the room by himself.
    await bob.conn.close();
    await eventually(() => expect(annView.seen.at(-1)).toBe('left bob'));
    const history = await ann.chat.history('lobby');
    expect(history.items.map((m) => m.text)).toEqual(['hi bob', 'hi ann']);
  });

  it('refuses a post from someone who has not joined, with the application error code', async () => {
    const eve = open();
    await expect(eve.chat.post('lobby', 'sneaky')).rejects.toMatchObject({
      code: 'NOT_A_MEMBER',
      status: 422,
    });
  });

  it('caps what a visitor can make it hold: message size, names, history and rooms', async () => {
    const ann = open();
    await ann.chat.join('caps', 'ann', recorder().events);
    await expect(
      ann.chat.post('caps', 'x'.repeat(chatLimits.messageChars + 1)),
    ).rejects.toMatchObject({
      code: 'TOO_LONG',
      status: 422,
    });
    await expect(
      ann.chat.join('r'.repeat(chatLimits.nameChars + 1), 'ann', recorder().events),
    ).rejects.toMatchObject({
      code: 'TOO_LONG',
    });
    for (let i = 0; i < chatLimits.history + 5; i++) await ann.chat.post('caps', `m${i}`);
    const history = await ann.chat.history('caps');
    expect(history.items).toHaveLength(chatLimits.history);
    expect(history.items[0]!.text).toBe('m5');
  });

  it('holds at most chatLimits.rooms rooms, and a room goes with its last member', async () => {
    const bob = open();
    const events = recorder().events;
    // The rooms other tests made are still there: fill up to the bound, whatever they are.
    let refused: unknown;
    for (let i = 0; refused === undefined && i <= chatLimits.rooms; i++) {
      await bob.chat.join(`room${i}`, 'bob', events).catch((error: unknown) => (refused = error));
    }
    expect(refused).toMatchObject({ code: 'TOO_MANY_ROOMS', status: 422 });
    await expect(bob.chat.join('one more', 'bob', events)).rejects.toMatchObject({
      code: 'TOO_MANY_ROOMS',
    });
    await bob.chat.leave('room0');
    await expect(bob.chat.join('one more', 'bob', events)).resolves.toMatchObject({
      room: 'one more',
    });
  });
});

/** A fetch whose requests can be cut off, as a lost network would: `cut` ends those in flight and fails new ones. */
function cuttableFetch() {
  const inFlight = new Set<AbortController>();
  const net = {
    down: false,
    cut() {
      net.down = true;
      for (const controller of inFlight) controller.abort(new Error('network down'));
    },
    fetch: (async (input, init) => {
      if (net.down) throw new TypeError('fetch failed: network down');
      const controller = new AbortController();
      init?.signal?.addEventListener('abort', () => controller.abort(init.signal?.reason));
      inFlight.add(controller);
      try {
        return await fetch(input, { ...init, signal: controller.signal });
      } finally {
        inFlight.delete(controller);
      }
    }) as typeof fetch,
  };
  return net;
}

describe('the chat example with presence', () => {
  it('shows a member whose connection is lost as away to the others, and as before once back', async () => {
    const grace = 500;
    const presenceServer = await startChatServer(0, '127.0.0.1', undefined, grace);
    const annView = recorder();
    const bobView = recorder();
    const ann = connect(presenceServer.url);
    const net = cuttableFetch();
    const bob = connect(presenceServer.url, {
      fetch: net.fetch,
      backoff: { initial: 50, max: 200, jitter: 0 },
    });
    try {
      await chatClient(ann).join('porch', 'ann', annView.events);
      await chatClient(bob).join('porch', 'bob', bobView.events);
      await eventually(() => expect(annView.seen).toEqual(['joined bob']));

      net.cut();
      await eventually(() => expect(annView.seen).toEqual(['joined bob', 'presence bob away']));
      net.down = false;
      await eventually(() =>
        expect(annView.seen).toEqual(['joined bob', 'presence bob away', 'presence bob online']),
      );
      // Still a member all along: no leave.
      await chatClient(bob).post('porch', 'back');
      await eventually(() => expect(annView.seen.at(-1)).toBe('message bob: back'));
    } finally {
      await ann.close();
      await bob.close();
      await presenceServer.close();
    }
  });
});
