// The page of resume.test.ts: a feed whose client keeps its session in localStorage. It shows
// every item it receives in a list, and keeps that list in localStorage too (the application's
// own state), so a reloaded page shows what it had, then resumes its client and shows the items
// it missed, once each, in order. Bundled for the browser (esbuild) against the runtime's
// browser build. Marks the body `data-ready="true|false"` (resumed or not) once it receives.
import {
  connect,
  webStorageSession,
  type CallbackBinding,
} from '../../../runtime/src/client/browser.js';
import { FeedEvents, FeedService } from '../../stores/feed.js';

interface Feed {
  item(n: number): void;
}

const list = document.getElementById('items')!;
const count = Number(localStorage.getItem('shown') ?? 0);
for (let i = 0; i < count; i++) show(localStorage.getItem(`shown:${i}`)!);

function show(text: string): void {
  const li = document.createElement('li');
  li.textContent = text;
  list.append(li);
}

const conn = connect(location.origin, {
  session: webStorageSession('feed-session'),
  backoff: { initial: 25, max: 250 },
  onGap: (gap) => show(`gap ${gap.reason} ${gap.from}`),
});
const events: Feed = {
  item(n) {
    // The application's state and the session are saved in the same task: a reload cannot come between.
    const shown = Number(localStorage.getItem('shown') ?? 0);
    localStorage.setItem(`shown:${shown}`, String(n));
    localStorage.setItem('shown', String(shown + 1));
    show(String(n));
  },
};
const binding: CallbackBinding<Feed> = { callback: FeedEvents, target: events };
const { resumed } = await conn.resume(binding);
if (!resumed) await conn.call(FeedService, 'subscribe', [events]);
document.body.dataset['ready'] = String(resumed);
document.body.dataset['transport'] = conn.transport;
