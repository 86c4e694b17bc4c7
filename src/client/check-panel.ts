// <check-panel>: runs the lesson's checks (over the session channel) and shows their results as
// they stream in. Hints come one at a time; a lesson whose checks all pass is marked complete in
// this browser (localStorage), so the course can show progress.
import { isCheckError } from '../../schema/wire-constants';
import { formatDate, formatNumber, fromServer, pageLang, t } from '../i18n/ui';
import type { CheckResult, CheckSummary } from '../../schema/checks';
import { reportBadge, reportFresh } from './lab-tools';
import { completedAt, markCompleted } from './progress-store';
import type { SessionChannel } from './session-channel';
import type { SessionServerMessage } from './wire-types';

class CheckPanel extends HTMLElement {
  private channel!: SessionChannel;
  private running = false;
  /** Hints shown per check, kept across runs: a learner who asked for two keeps seeing two. */
  private hintsShown = new Map<string, number>();
  private onRunningChange: (running: boolean) => void = () => {};

  attach(channel: SessionChannel, onRunningChange: (running: boolean) => void): void {
    this.channel = channel;
    this.onRunningChange = onRunningChange;
    channel.onMessage((m) => this.onMessage(m));
    const done = completedAt(this.dataset.lesson!);
    if (done !== undefined) this.showComplete(done);
  }

  /** Sends the editor's files and starts a check run. */
  run(files: Array<{ path: string; content: string }>): void {
    if (this.running) return;
    if (!this.channel.send({ type: 'check.run', files, lang: pageLang() })) {
      this.say(t('session.notConnected'), 'error');
      return;
    }
    this.setRunning(true);
    this.say(t('checks.starting'));
  }

  private onMessage(message: SessionServerMessage): void {
    switch (message.type) {
      case 'check.started':
        this.find('results').replaceChildren(...message.names.map((name) => this.item({ name, outcome: 'waiting' })));
        reportFresh(this);
        return;
      case 'check.running':
        this.replaceItem(message.name, this.item({ name: message.name, outcome: 'running' }));
        this.say(t('checks.running', { name: message.name }));
        return;
      case 'check.result':
        this.replaceItem(message.result.name, this.item(message.result));
        return;
      case 'check.done':
        return this.finish(message.summary);
      case 'error':
        if (isCheckError(message.code)) {
          this.setRunning(false);
          this.say(fromServer(message.message, message.words), 'error');
        }
        return;
    }
  }

  private finish(summary: CheckSummary): void {
    this.setRunning(false);
    const passed = summary.results.filter((r) => r.outcome === 'passed').length;
    const seconds = formatNumber(summary.durationMs / 1000, 1);
    if (!summary.passed) reportBadge(this, { tool: 'checks', text: t('checks.badgeScore', { passed, total: summary.results.length }), kind: 'alert' });
    if (summary.passed) {
      markCompleted(summary.lesson);
      this.showComplete(Date.now());
      this.say(t('checks.allPassed', { passed, seconds }), 'success');
    } else {
      this.say(`${t('checks.somePassed', { passed, total: summary.results.length, seconds })}${summary.problem ? ` ${summary.problem}` : ''}`, 'error');
      // Done once, broken now: the lesson stays completed, but not as if this run had passed.
      const done = completedAt(summary.lesson);
      if (done !== undefined) this.showComplete(done, 'earlier');
      // The first failure, with its Expected/Actual, in view: the results box is short.
      this.querySelector<HTMLElement>('[data-outcome="failed"], [data-outcome="error"]')?.scrollIntoView({ block: 'nearest' });
    }
  }

  private item(result: CheckResult | { name: string; outcome: 'waiting' | 'running' }): HTMLLIElement {
    const li = document.createElement('li');
    li.dataset.check = result.name;
    li.dataset.outcome = result.outcome;
    const head = document.createElement('p');
    head.className = 'check-head';
    const name = document.createElement('strong');
    name.textContent = result.name;
    const outcome = document.createElement('span');
    outcome.className = 'check-outcome';
    outcome.textContent = t(
      ({ passed: 'checks.passed', failed: 'checks.failed', error: 'checks.error', waiting: 'checks.waiting', running: 'checks.inProgress' } as const)[
        result.outcome
      ],
    );
    head.append(outcome, ' ', name);
    if ('durationMs' in result)
      head.append(
        ` `,
        Object.assign(document.createElement('span'), { className: 'check-duration', textContent: `${(result.durationMs / 1000).toFixed(2)} s` }),
      );
    li.append(head);
    if (!('durationMs' in result) || result.outcome === 'passed') return li;
    const details = document.createElement('dl');
    for (const [term, text] of [
      [t('checks.expected'), result.expected],
      [t('checks.actual'), result.actual],
    ] as const) {
      if (!text) continue;
      details.append(Object.assign(document.createElement('dt'), { textContent: term }), Object.assign(document.createElement('dd'), { textContent: text }));
    }
    li.append(details);
    if (result.traceback) {
      const trace = Object.assign(document.createElement('pre'), { className: 'check-traceback', textContent: result.traceback });
      trace.setAttribute('aria-label', t('checks.traceback', { name: result.name }));
      li.append(trace);
    }
    if (result.hints.length) li.append(...this.hints(result));
    return li;
  }

  private hints(result: CheckResult): HTMLElement[] {
    const shown = Math.min(this.hintsShown.get(result.name) ?? 1, result.hints.length);
    const list = document.createElement('ol');
    list.className = 'check-hints';
    list.setAttribute('aria-label', t('checks.hintsFor', { name: result.name }));
    for (const hint of result.hints.slice(0, shown)) list.append(Object.assign(document.createElement('li'), { textContent: hint }));
    if (shown >= result.hints.length) return [list];
    const more = document.createElement('button');
    more.type = 'button';
    more.className = 'quiet';
    more.textContent = t('checks.moreHint', { shown, total: result.hints.length });
    more.addEventListener('click', () => {
      this.hintsShown.set(result.name, shown + 1);
      this.replaceItem(result.name, this.item(result));
      this.querySelector<HTMLElement>(`[data-check="${CSS.escape(result.name)}"] .check-hints li:last-child`)?.focus();
    });
    return [list, more];
  }

  private replaceItem(name: string, next: HTMLLIElement): void {
    const current = this.querySelector(`[data-check="${CSS.escape(name)}"]`);
    if (current) current.replaceWith(next);
    else this.find('results').append(next);
  }

  private showComplete(at: number, when: 'now' | 'earlier' = 'now'): void {
    if (when === 'now') reportBadge(this, { tool: 'checks', text: t('checks.badgeComplete'), kind: 'success' });
    const note = this.find('complete');
    note.hidden = false;
    note.dataset.when = when;
    note.textContent = t(when === 'now' ? 'checks.completeOn' : 'checks.completedEarlier', { date: formatDate(at) });
  }

  private setRunning(running: boolean): void {
    this.running = running;
    this.setAttribute('aria-busy', String(running));
    this.onRunningChange(running);
  }

  private say(text: string, kind: 'info' | 'error' | 'success' = 'info'): void {
    const status = this.find('status');
    status.textContent = text;
    status.dataset.kind = kind;
  }

  private find(name: string): HTMLElement {
    return this.querySelector<HTMLElement>(`[data-part="${name}"]`)!;
  }
}

customElements.define('check-panel', CheckPanel);
export type { CheckPanel };
