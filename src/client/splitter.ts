// <lab-splitter>: a draggable, keyboard-operable divider that sizes the element before it.
// Place it between two children of a flex container; `orientation` follows ARIA (vertical = side by side).
// With data-remember, the size is kept in this browser per lesson and restored on the next visit.
import { readSetting, writeSetting } from './browser-settings';

class LabSplitter extends HTMLElement {
  connectedCallback(): void {
    const vertical = this.getAttribute('orientation') !== 'horizontal';
    this.setAttribute('role', 'separator');
    this.setAttribute('aria-orientation', vertical ? 'vertical' : 'horizontal');
    this.setAttribute('aria-valuemin', '15');
    this.setAttribute('aria-valuemax', '85');
    this.tabIndex = 0;
    const before = this.previousElementSibling as HTMLElement;
    const parent = this.parentElement!;
    const setPercent = (percent: number) => {
      const clamped = Math.min(85, Math.max(15, percent));
      before.style.flex = `0 0 ${clamped}%`;
      this.setAttribute('aria-valuenow', String(Math.round(clamped)));
      this.dataset.percent = clamped.toFixed(2); // what is remembered: the rounded value would move the panes
    };
    const currentPercent = () => {
      const total = vertical ? parent.clientWidth : parent.clientHeight;
      const size = vertical ? before.offsetWidth : before.offsetHeight;
      return (size / total) * 100;
    };
    const setting = this.dataset.remember ? `split:${this.dataset.remember}` : undefined;
    const remember = () => setting && writeSetting(setting, this.dataset.percent!);
    const saved = Number((setting && readSetting(setting)) ?? NaN);
    if (Number.isFinite(saved)) setPercent(saved);
    else this.setAttribute('aria-valuenow', String(Math.round(currentPercent() || 50)));

    this.addEventListener('pointerdown', (down) => {
      down.preventDefault();
      this.setPointerCapture(down.pointerId);
      const rect = parent.getBoundingClientRect();
      const move = (event: PointerEvent) => {
        setPercent(vertical ? ((event.clientX - rect.left) / rect.width) * 100 : ((event.clientY - rect.top) / rect.height) * 100);
      };
      const up = () => {
        this.removeEventListener('pointermove', move);
        this.removeEventListener('pointerup', up);
        remember();
      };
      this.addEventListener('pointermove', move);
      this.addEventListener('pointerup', up);
    });
    this.addEventListener('keydown', (event) => {
      const step = { ArrowLeft: -5, ArrowUp: -5, ArrowRight: 5, ArrowDown: 5 }[event.key];
      if (step === undefined) return;
      event.preventDefault();
      setPercent(currentPercent() + step);
      remember();
    });
  }
}

customElements.define('lab-splitter', LabSplitter);
