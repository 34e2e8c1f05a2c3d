// The chat page: pick a name, join a room, see members come and go, chat.
// Uses only the generated client (chatClient) and `@contract-gen/runtime/client`; the
// connection's state drives the header badge. Bundled into app.js by
// scripts/bundle-chat-page.mjs.
import { connect, type Connection } from '@contract-gen/runtime/client';
import type { EventGap } from '@contract-gen/runtime/client';
import type { Chat, ChatEvents } from '../../../contracts/chat.js';
import { chatClient } from '../../../generated/chat.client.js';
import {
  addMember,
  byId,
  removeMember,
  showMembers,
  showMessage,
  showNotice,
  showPresence,
  showState,
} from './chat-view.js';
import { pageFetch, PageWebSocket } from './page-network.js';

/** A joined member: one connection per join, closed on leaving. */
interface Session {
  readonly conn: Connection;
  readonly chat: Chat;
  readonly room: string;
  readonly name: string;
  readonly events: ChatEvents;
  readonly stopBadge: () => void;
}

let session: Session | undefined;
/** Posts leave one after another, so messages arrive in the order they were typed. */
let sending: Promise<unknown> = Promise.resolve();

/** The room's events, shown as they come. The server sends each exactly once, in order: no dedupe here. */
function eventsFor(me: string): ChatEvents {
  return {
    messagePosted: (message) => showMessage(message, me),
    memberJoined: (member) => {
      addMember(member, me);
      showNotice(`${member.name} joined`);
    },
    memberLeft: (name) => {
      removeMember(name);
      showNotice(`${name} left`);
    },
    presenceChanged: showPresence,
  };
}

async function join(name: string, room: string): Promise<void> {
  let current: Session | undefined;
  const conn = connect(location.origin, {
    // WebSocket where it works, long polling where it does not; both let go at once when the browser goes offline.
    fetch: pageFetch,
    WebSocket: PageWebSocket,
    // Come back within two seconds of the network returning, not ten.
    backoff: { initial: 250, max: 2_000 },
    onGap: (gap) => void (current && resync(current, gap)),
  });
  const stopBadge = conn.onState((state) => showState(state, conn.transport));
  showState(conn.state, conn.transport);
  current = { conn, chat: chatClient(conn), room, name, events: eventsFor(name), stopBadge };
  try {
    const info = await current.chat.join(room, name, current.events);
    showMembers(info.members, name);
  } catch (error) {
    stopBadge();
    await conn.close();
    showState('idle');
    throw error;
  }
  session = current;
  byId('room-title').textContent = `# ${room} — you are ${name}`;
  byId('join').hidden = true;
  byId('chat').hidden = false;
  byId('text').focus();
}

/** After a gap: rejoin when the server forgot this client (its subscription went with it), else say what was missed. */
async function resync(s: Session, gap: EventGap): Promise<void> {
  if (gap.reason !== 'expired') {
    showNotice(`${gap.count ?? 'Some'} messages could not be delivered.`);
    return;
  }
  showNotice('Back after a long absence: messages sent meanwhile are not shown.');
  try {
    showMembers((await s.chat.join(s.room, s.name, s.events)).members, s.name);
  } catch (error) {
    showNotice(`Could not rejoin: ${messageOf(error)}`);
  }
}

async function leave(): Promise<void> {
  const s = session;
  session = undefined;
  if (s === undefined) return;
  await s.chat.leave(s.room).catch(() => undefined);
  await s.conn.close();
  s.stopBadge();
  showState('idle');
  byId('messages').replaceChildren();
  byId('room-title').textContent = '';
  byId('chat').hidden = true;
  byId('join').hidden = false;
}

function post(text: string): void {
  const s = session;
  if (s === undefined) return;
  byId('post-error').textContent = '';
  sending = sending.then(() =>
    s.chat.post(s.room, text).catch((error: unknown) => {
      byId('post-error').textContent = `Not sent (“${text}”): ${messageOf(error)}`;
    }),
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

byId('join').addEventListener('submit', (event) => {
  event.preventDefault();
  const name = byId<HTMLInputElement>('name').value.trim();
  const room = byId<HTMLInputElement>('room').value.trim();
  byId('join-error').textContent = '';
  if (name === '' || room === '') return;
  join(name, room).catch((error: unknown) => (byId('join-error').textContent = messageOf(error)));
});

byId('post').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = byId<HTMLInputElement>('text');
  const text = input.value.trim();
  input.value = '';
  if (text !== '') post(text);
});

byId('leave').addEventListener('click', () => void leave());

/** Tells the room whether this member is looking at the page. */
function sayPresence(): void {
  if (session !== undefined)
    session.chat
      .setPresence(session.room, document.hidden ? 'away' : 'online')
      .catch(() => undefined);
}

document.addEventListener('visibilitychange', sayPresence);
// Back on the network: a quick call shows 'online' at once (the event channel's
// own retry is a held poll, which says nothing until the server answers it).
addEventListener('online', sayPresence);

window.addEventListener('pagehide', () => void session?.conn.close());
