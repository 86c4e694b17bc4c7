// Flow control by acknowledged bytes (VS Code's scheme). The server counts bytes sent to the
// browser; the browser acks them once xterm has parsed them. Above the high watermark the pty is
// paused, so a flood (`yes`) cannot bury the tab and Ctrl-C is handled promptly; below the low
// watermark it resumes. Pure logic: the caller performs pause/resume.

export type FlowAction = 'pause' | 'resume' | 'none';

export class FlowControl {
  private unacked = 0;
  private paused = false;

  constructor(
    private readonly high: number,
    private readonly low: number,
  ) {
    if (!(low < high)) throw new Error('flow control needs low < high');
  }

  get unackedBytes(): number {
    return this.unacked;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  sent(bytes: number): FlowAction {
    this.unacked += bytes;
    if (!this.paused && this.unacked > this.high) {
      this.paused = true;
      return 'pause';
    }
    return 'none';
  }

  acked(bytes: number): FlowAction {
    this.unacked = Math.max(0, this.unacked - bytes);
    return this.maybeResume();
  }

  /** A new browser attached: whatever the old one never acked will never be acked. */
  reset(): FlowAction {
    this.unacked = 0;
    return this.maybeResume();
  }

  private maybeResume(): FlowAction {
    if (this.paused && this.unacked < this.low) {
      this.paused = false;
      return 'resume';
    }
    return 'none';
  }
}
