// What the kernel faults did: the packet counters of the session's nftables rules, read about
// once a second while any rule is in place, reported as "Server refuses: 2 packets refused".
// Without this, a dropped SYN leaves no trace a learner could see.
import { NFT_TABLE, runAdmin } from './kernel-faults.js';
import type { SessionNetwork } from '../process/launch.js';

const POLL_MS = 1000;

/** Packets matched per fault id, from `nft -j list table` output. */
export function countersById(nftJson: string): Map<string, number> {
  const counts = new Map<string, number>();
  const items = (JSON.parse(nftJson) as { nftables?: Array<{ rule?: { comment?: string; expr?: Array<{ counter?: { packets: number } }> } }> }).nftables ?? [];
  for (const { rule } of items) {
    if (!rule?.comment) continue;
    const packets = rule.expr?.find((e) => e.counter)?.counter?.packets ?? 0;
    counts.set(rule.comment, (counts.get(rule.comment) ?? 0) + packets);
  }
  return counts;
}

/** Polls the counters; calls `onIncrease(id, newPackets)` when a fault's count grows. */
export function watchKernelCounters(network: SessionNetwork, onIncrease: (id: string, packets: number) => void): () => void {
  let last = new Map<string, number>();
  let stopped = false;
  let running = false;
  const tick = async () => {
    if (running) return; // a slow nft never piles up
    running = true;
    try {
      const now = countersById(await runAdmin(network, `nft -j list table inet ${NFT_TABLE}`));
      if (stopped) return;
      for (const [id, packets] of now) {
        const before = last.get(id) ?? 0;
        // A count below the last one means the table was rebuilt (another fault switched): it restarted at 0.
        const added = packets >= before ? packets - before : packets;
        if (added > 0) onIncrease(id, added);
      }
      last = now;
    } catch {
      // table replaced between reads, or the session is ending: the next tick tries again
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), POLL_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
