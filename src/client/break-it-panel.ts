// <break-it-panel>: the lesson's faults as switches, a Clear-all, the event log and the live TCP
// table of the session's namespace. The markup comes from BreakItPanel.astro; this fills it from
// the session socket. The server is the source of truth: a switch shows "on" only once it is.
import { isCheckError } from '../../schema/wire-constants';
import { fromServer, pageLang, t } from '../i18n/ui';
import { reportBadge } from './lab-tools';
import type { SessionChannel } from './session-channel';
import type { LinkState } from './reconnecting-socket';
import type { FaultEvent, FaultStatus, SessionServerMessage, TcpSocket } from './wire-types';

const MAX_LOG_LINES = 200;

class BreakItPanel extends HTMLElement {
  private channel: SessionChannel | undefined;
  private switches = new Map<string, HTMLButtonElement>();

  /** Called by the workbench with the page's session channel. */
  attach(channel: SessionChannel): void {
    for (const button of this.querySelectorAll<HTMLButtonElement>('[role="switch"][data-fault]')) {
      this.switches.set(button.dataset.fault!, button);
      button.addEventListener('click', () => this.toggle(button));
    }
    this.find('clear').addEventListener('click', () => this.request({ type: 'faults.clear' }));
    this.channel = channel;
    channel.onMessage((m) => this.onMessage(m));
    channel.onState((s, d) => this.onState(s, d));
  }

  private toggle(button: HTMLButtonElement): void {
    if (button.getAttribute('aria-disabled') === 'true') return;
    const on = button.getAttribute('aria-checked') !== 'true';
    if (this.request({ type: 'fault.set', id: button.dataset.fault!, on })) button.setAttribute('aria-busy', 'true');
  }

  private request(message: Parameters<SessionChannel['send']>[0]): boolean {
    const sent = this.channel?.send(message) ?? false;
    if (!sent) this.say(t('session.notConnected'), 'error');
    return sent;
  }

  private onMessage(message: SessionServerMessage): void {
    switch (message.type) {
      case 'faults':
        return this.showFaults(message.faults, message.busy);
      case 'events':
        return this.appendEvents(message.events);
      case 'tcp':
        return this.showSockets(message.sockets, message.unavailable && fromServer(message.unavailable, message.unavailableWords));
      case 'ended':
        return this.say(t('session.ended', { reason: fromServer(message.reason, message.words) }));
      case 'error':
        if (!isCheckError(message.code)) this.say(fromServer(message.message, message.words), 'error'); // the Check panel reports its own
        return;
    }
  }

  private onState(state: LinkState, detail?: string): void {
    this.dataset.state = state;
    if (state === 'open') this.say('');
    else if (state === 'reconnecting') this.say(t('session.reconnecting', { detail: detail ?? '' }), 'error');
    else if (state === 'refused') this.say(t('status.refused', { detail: detail ?? '' }), 'error');
  }

  private showFaults(faults: FaultStatus[], busy: boolean): void {
    for (const fault of faults) {
      const button = this.switches.get(fault.id);
      if (!button) continue;
      button.setAttribute('aria-checked', String(fault.on));
      button.setAttribute('aria-disabled', String(Boolean(fault.unavailable)));
      if (!busy) button.removeAttribute('aria-busy');
      const note = this.querySelector<HTMLElement>(`[data-fault-note="${fault.id}"]`)!;
      if (fault.unavailable) note.textContent = fromServer(fault.unavailable, fault.unavailableWords);
      else note.textContent = fault.error ? fromServer(fault.error, fault.errorWords) : '';
      note.dataset.kind = fault.error && !fault.unavailable ? 'error' : 'info';
    }
    const on = faults.filter((f) => f.on).map((f) => this.switches.get(f.id)?.textContent?.trim() ?? f.id);
    this.find('summary').textContent = on.length ? t('breakIt.someOn', { count: on.length, names: on.join(', ') }) : t('breakIt.noneOn');
    reportBadge(this, { tool: 'break-it', text: on.length ? t('breakIt.badgeOn', { count: on.length }) : '', kind: 'alert' });
    this.dataset.active = String(on.length > 0);
    (this.find('clear') as HTMLButtonElement).disabled = on.length === 0;
  }

  private appendEvents(events: FaultEvent[]): void {
    const log = this.find('log');
    for (const event of events) {
      const line = document.createElement('li');
      line.dataset.kind = event.kind;
      const time = document.createElement('time');
      time.dateTime = new Date(event.at).toISOString();
      time.textContent = clockTime(event.at);
      line.append(time, ` ${this.eventLine(event)}`);
      log.append(line);
    }
    while (log.childElementCount > MAX_LOG_LINES) log.firstElementChild!.remove();
    const box = this.find('log-box');
    box.scrollTop = box.scrollHeight;
  }

  private showSockets(sockets: TcpSocket[], unavailable?: string): void {
    const rows = sockets.map((s) => {
      const row = document.createElement('tr');
      row.dataset.state = s.state;
      for (const text of [s.state, s.local, s.remote, `${s.sendQueue} / ${s.receiveQueue}`]) {
        const cell = document.createElement('td');
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    });
    if (!rows.length) {
      const row = document.createElement('tr');
      const cell = document.createElement('td');
      cell.colSpan = 4;
      cell.textContent = t('breakIt.noSockets');
      row.append(cell);
      rows.push(row);
    }
    this.find('sockets').replaceChildren(...rows);
    this.find('sockets-note').textContent = unavailable ?? '';
  }

  private say(text: string, kind: 'info' | 'error' = 'info'): void {
    const status = this.find('status');
    status.textContent = text;
    status.dataset.kind = kind;
  }

  /** "who: what", in the page's language: a fault is named by its switch, as the page labels it. */
  private eventLine(event: FaultEvent): string {
    if (pageLang() === 'en' || event.ja === undefined) return `${event.source}: ${event.text}`;
    const label = event.fault ? this.switches.get(event.fault)?.textContent?.trim() : undefined;
    const source = event.source === 'panel' ? t('breakIt.panel') : (label ?? event.source);
    return `${source}: ${event.source === 'panel' && label ? `${label} ${event.ja}` : event.ja}`;
  }

  private find(name: string): HTMLElement {
    return this.querySelector<HTMLElement>(`[data-part="${name}"]`)!;
  }
}

function clockTime(at: number): string {
  const d = new Date(at);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

customElements.define('break-it-panel', BreakItPanel);
export type { BreakItPanel };
