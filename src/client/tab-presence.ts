// Is this lesson open in another tab of this browser? Tabs say hello, answer, and say goodbye on a
// BroadcastChannel, so each knows how many others there are (the workbench tells the learner).
type PresenceMessage = { type: 'hello' | 'here' | 'bye'; tab: string };

export function watchOtherTabs(lessonId: string, onChange: (others: number) => void): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const me = crypto.randomUUID();
  const others = new Set<string>();
  const channel = new BroadcastChannel(`socketlab:lesson:${lessonId}`);
  channel.onmessage = ({ data }: MessageEvent<PresenceMessage>) => {
    if (data.type === 'bye') others.delete(data.tab);
    else others.add(data.tab);
    if (data.type === 'hello') channel.postMessage({ type: 'here', tab: me } satisfies PresenceMessage);
    onChange(others.size);
  };
  const hello = () => channel.postMessage({ type: 'hello', tab: me } satisfies PresenceMessage);
  hello();
  addEventListener('pagehide', () => channel.postMessage({ type: 'bye', tab: me } satisfies PresenceMessage));
  // Back from the back/forward cache: the others were told goodbye, so say hello again.
  addEventListener('pageshow', (event) => event.persisted && hello());
}
