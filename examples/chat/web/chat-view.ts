// What the chat page shows: plain DOM, text only (never innerHTML, so a
// message cannot inject markup). app.ts decides when; this says how.
import type { ConnectionState, TransportKind } from '@contract-gen/runtime/client';
import type { ChatMessage, Member, Presence } from '../../../contracts/chat.js';

/** The element with `id`, typed; the page's markup is fixed, so a missing one is a bug. */
export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the chat page has no #${id}`);
  return element as T;
}

const badgeText: Record<ConnectionState | 'idle', string> = {
  idle: 'not connected',
  connecting: 'connecting',
  online: 'online',
  offline: 'offline',
  closed: 'not connected',
};

/** Shows the connection state in the header badge (`data-state` carries it for styles and tests), and the transport in its tooltip. */
export function showState(state: ConnectionState | 'idle', transport?: TransportKind): void {
  const badge = byId('badge');
  badge.dataset['state'] = state === 'closed' ? 'idle' : state;
  badge.textContent = badgeText[state];
  if (transport === undefined) delete badge.dataset['transport'];
  else badge.dataset['transport'] = transport;
  badge.title =
    transport === undefined ? 'connection state' : `connection state (events over ${transport})`;
}

/** Appends a message, keeping the newest in view when the reader was at the bottom. */
export function showMessage(message: ChatMessage, me: string): void {
  const item = document.createElement('li');
  item.className = message.posted.by === me ? 'message mine' : 'message';
  item.dataset['id'] = String(message.id);
  const time = document.createElement('time');
  time.dateTime = message.posted.at.toISOString();
  time.textContent = message.posted.at.toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
  });
  const by = document.createElement('span');
  by.className = 'by';
  by.textContent = message.posted.by;
  const text = document.createElement('span');
  text.className = 'text';
  text.textContent = message.text;
  item.append(time, by, text);
  append(item);
}

/** Appends a line about the room (someone joined or left, a reconnection). */
export function showNotice(text: string): void {
  const item = document.createElement('li');
  item.className = 'notice';
  item.textContent = text;
  append(item);
}

function append(item: HTMLLIElement): void {
  const list = byId('messages');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.append(item);
  if (atBottom) list.scrollTop = list.scrollHeight;
}

/** Replaces the member list (on joining). */
export function showMembers(members: readonly Member[], me: string): void {
  byId('members').replaceChildren();
  for (const member of members) addMember(member, me);
}

/** Adds one member, or updates them if listed. */
export function addMember(member: Member, me: string): void {
  const item = memberItem(member.name) ?? document.createElement('li');
  item.dataset['name'] = member.name;
  item.dataset['presence'] = member.presence;
  item.classList.toggle('me', member.name === me);
  item.textContent = member.name;
  item.title = member.presence;
  byId('members').append(item);
}

/** Takes a member off the list (they left, or their client went away). */
export function removeMember(name: string): void {
  memberItem(name)?.remove();
}

/** Colours a member's dot: online, away (their tab is hidden) or offline. */
export function showPresence(name: string, presence: Presence): void {
  const item = memberItem(name);
  if (item === undefined) return;
  item.dataset['presence'] = presence;
  item.title = presence;
}

function memberItem(name: string): HTMLLIElement | undefined {
  return [...byId('members').querySelectorAll<HTMLLIElement>('li')].find(
    (item) => item.dataset['name'] === name,
  );
}
