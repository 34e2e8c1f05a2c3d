// The showcase's Chat service: rooms whose members see each other's
// messages and come and go. Members are known by their client id (every call
// of the generated client carries it), so `post` needs no name.
import {
  Broadcast,
  onReleased,
  ServiceError,
  type CallContext,
} from '@contract-gen/runtime/server';
import type { Page } from '../../contracts/common.js';
import type { ChatEvents, ChatMessage, Member, Presence } from '../../contracts/chat.js';
import type { ChatHandlers } from '../../generated/chat.server.js';

interface Room {
  readonly name: string;
  topic: string | null;
  /** By client id. */
  readonly members: Map<string, Member & { events: ChatEvents }>;
  /** Everyone's events: one call reaches every member. */
  readonly everyone: Broadcast<ChatEvents>;
  readonly messages: ChatMessage[];
}

/**
 * What one chat server holds at most, so that no visitor can grow its memory
 * without bound (the page is open to anyone): each limit is refused with an
 * application error code the page shows.
 */
export const chatLimits = {
  /** Characters in one message (`TOO_LONG`). */
  messageChars: 2000,
  /** Characters in a room or member name (`TOO_LONG`). */
  nameChars: 64,
  /** Messages a room keeps for `history`; older ones are forgotten. */
  history: 500,
  /** Rooms at once; a room goes when its last member leaves (`TOO_MANY_ROOMS`). */
  rooms: 1000,
} as const;

function checkLength(what: string, value: string, max: number): void {
  if (value.length > max) {
    throw new ServiceError(
      'TOO_LONG',
      `The ${what} is ${value.length} characters; at most ${max} are allowed.`,
      {
        what,
        max,
      },
    );
  }
}

/**
 * The chat's handlers, and what the server's presence hooks tell it
 * (`events.presence` in server.ts): a member whose connection has been gone
 * for a few seconds shows as away to the others, and as before once back.
 * Leaving is separate: the member leaves when their client expires (the
 * release hook).
 */
export interface ChatService extends ChatHandlers {
  /** The client's transport has been gone for the grace period: its members show as away. */
  disconnected(client: string): void;
  /** The client is back: its members show their own presence again. */
  reconnected(client: string): void;
}

export function createChatService(): ChatService {
  const rooms = new Map<string, Room>();
  let nextId = 1;

  const roomOf = (name: string): Room => {
    let room = rooms.get(name);
    if (!room && rooms.size >= chatLimits.rooms) {
      throw new ServiceError(
        'TOO_MANY_ROOMS',
        `This server holds ${chatLimits.rooms} rooms already: join one of them.`,
        {
          max: chatLimits.rooms,
        },
      );
    }
    if (!room)
      rooms.set(
        name,
        (room = {
          name,
          topic: null,
          members: new Map(),
          everyone: new Broadcast<ChatEvents>(),
          messages: [],
        }),
      );
    return room;
  };
  /** Shows every member of `client` as `presence` (their own, when undefined) to their rooms. */
  const showAs = (client: string, presence: Presence | undefined) => {
    for (const room of rooms.values()) {
      const member = room.members.get(client);
      if (member) room.everyone.presenceChanged(member.name, presence ?? member.presence);
    }
  };
  const memberOf = (room: string, ctx: CallContext) => {
    const member = ctx.client === undefined ? undefined : rooms.get(room)?.members.get(ctx.client);
    if (!member)
      throw new ServiceError('NOT_A_MEMBER', `Join '${room}' before posting to it.`, { room });
    return member;
  };
  const leave = (room: Room, client: string) => {
    const member = room.members.get(client);
    if (!member) return;
    room.members.delete(client);
    room.everyone.delete(member.events);
    room.everyone.memberLeft(member.name);
    if (room.members.size === 0) rooms.delete(room.name);
  };

  return {
    disconnected: (client) => showAs(client, 'away'),
    reconnected: (client) => showAs(client, undefined),

    join(roomName, name, events, ctx) {
      checkLength('room name', roomName, chatLimits.nameChars);
      checkLength('name', name, chatLimits.nameChars);
      const room = roomOf(roomName);
      const client = ctx.client!;
      if ([...room.members.values()].some((m) => m.name === name)) {
        throw new ServiceError(
          'NAME_TAKEN',
          `Someone in '${roomName}' is already called '${name}'.`,
          { room: roomName, name },
        );
      }
      const member = { name, presence: 'online' as Presence, joinedAt: new Date(), events };
      room.everyone.memberJoined({ name, presence: member.presence, joinedAt: member.joinedAt });
      room.members.set(client, member);
      room.everyone.add(events);
      // A member whose client goes away (closed tab, expiry) leaves by itself.
      onReleased(events, () => leave(room, client));
      return {
        room: roomName,
        topic: room.topic,
        members: [...room.members.values()].map(({ events: _, ...m }) => m),
      };
    },

    post(roomName, text, replyTo, ctx) {
      const member = memberOf(roomName, ctx);
      checkLength('message', text, chatLimits.messageChars);
      const room = roomOf(roomName);
      const message: ChatMessage = {
        id: nextId++,
        room: roomName,
        text,
        posted: { by: member.name, at: new Date() },
      };
      if (replyTo !== undefined) message.replyTo = replyTo;
      room.messages.push(message);
      if (room.messages.length > chatLimits.history) room.messages.shift();
      room.everyone.messagePosted(message);
      return message;
    },

    setPresence(roomName, presence, ctx) {
      const member = memberOf(roomName, ctx);
      member.presence = presence;
      roomOf(roomName).everyone.presenceChanged(member.name, presence);
    },

    history(roomName, since): Page<ChatMessage> {
      const all = rooms.get(roomName)?.messages ?? [];
      const items = since === undefined ? all : all.filter((m) => m.posted.at >= since);
      return { items: [...items], total: items.length };
    },

    leave(roomName, ctx) {
      const room = rooms.get(roomName);
      if (room && ctx.client !== undefined) leave(room, ctx.client);
    },
  };
}
