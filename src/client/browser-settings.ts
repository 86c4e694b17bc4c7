// Small settings this browser remembers (the tool drawer, Tab in the editor, pane sizes, the
// terminals' screen-reader mode), all read and written here: with storage switched off the page
// simply forgets them instead of failing.
const PREFIX = 'socketlab:';

export function readSetting(name: string): string | undefined {
  try {
    return localStorage.getItem(PREFIX + name) ?? undefined;
  } catch {
    return undefined;
  }
}

export function writeSetting(name: string, value: string): void {
  try {
    localStorage.setItem(PREFIX + name, value);
  } catch {
    // storage disabled or full: the setting lasts for this page only
  }
}

/** The terminals' screen-reader mode: the `?` dialog changes it, every new terminal reads it. */
export const screenReaderMode = (): boolean => readSetting('screen-reader') === 'on';
export const setScreenReaderMode = (on: boolean): void => writeSetting('screen-reader', on ? 'on' : 'off');
