import type { Callback, Service } from 'contract-gen';
import type { Page, Stamp } from './common.js';

/** How present a member is, as shown beside their name. */
export type Presence = 'online' | 'away' | 'offline';

/** A message as every member of the room sees it. */
export interface ChatMessage {
  id: number;
  room: string;
  text: string;
  posted: Stamp;
  /** The message this one answers, if any. */
  replyTo?: number;
}

export interface Member {
  name: string;
  presence: Presence;
  joinedAt: Date;
}

/** What a member sees on joining a room. */
export interface RoomInfo {
  room: string;
  topic: string | null;
  members: Member[];
}

/**
 * Events of one room, sent to every member who joined it. Callbacks are
 * one-way: the server never waits for a member to handle them.
 */
export interface ChatEvents extends Callback {
  messagePosted(message: ChatMessage): void;
  memberJoined(member: Member): void;
  memberLeft(name: string): void;
  presenceChanged(name: string, presence: Presence): void;
}

/** Rooms where members chat and see each other come and go. */
export interface Chat extends Service {
  /**
   * Joins `room` as `name`; `events` receives everything that happens in the
   * room from now on, until the member leaves or the client goes away.
   * @param room The room's name; it is created on first join.
   * @param name How the member appears to others; unique within the room.
   */
  join(room: string, name: string, events: ChatEvents): Promise<RoomInfo>;
  /** Posts a message to a room the caller has joined and returns it as members will see it. */
  post(room: string, text: string, replyTo?: number): Promise<ChatMessage>;
  setPresence(room: string, presence: Presence): Promise<void>;
  /** Messages of a room, newest last; from `since` when given. */
  history(room: string, since?: Date): Promise<Page<ChatMessage>>;
  leave(room: string): Promise<void>;
}
