// The learner's screen-reader setting for terminals, kept in localStorage: the `?` dialog changes
// it, every new terminal reads it.
const SCREEN_READER_KEY = 'socketlab:screen-reader';

export function screenReaderMode(): boolean {
  return localStorage.getItem(SCREEN_READER_KEY) === 'on';
}

export function setScreenReaderMode(on: boolean): void {
  localStorage.setItem(SCREEN_READER_KEY, on ? 'on' : 'off');
}
