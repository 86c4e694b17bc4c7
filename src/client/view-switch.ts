// Narrow screens show the lesson text or the lab, not both squeezed: the Text | Lab switch at the
// top flips between them (wide screens never see it).
const layout = document.querySelector<HTMLElement>('.lesson-layout');
const buttons = [...document.querySelectorAll<HTMLButtonElement>('.view-switch [data-show]')];

function show(view: string): void {
  if (!layout) return;
  layout.dataset.view = view;
  for (const button of buttons) button.setAttribute('aria-pressed', String(button.dataset.show === view));
  window.scrollTo({ top: 0 });
}

for (const button of buttons) button.addEventListener('click', () => show(button.dataset.show!));
// A click-to-run block in the text runs in the lab: show the lab, where its output appears.
document.addEventListener('click', (event) => {
  if ((event.target as Element | null)?.closest('[data-text-run]') && buttons[0]?.offsetParent) show('lab');
});
