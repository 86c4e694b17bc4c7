// The UI dictionary: placeholders are filled, and a missing one shows itself instead of "undefined".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LANG, t } from '../../src/i18n/ui.js';

test('t() fills placeholders from the dictionary of the page language', () => {
  assert.equal(LANG, 'en');
  assert.equal(t('course.position', { n: 4, total: 12 }), 'Lesson 4 of 12');
  assert.equal(t('checks.moreHint', { shown: 1, total: 3 }), 'Show another hint (1 of 3)');
  assert.equal(t('site.search'), 'Search');
});

test('a placeholder nobody filled stays visible, so the mistake is seen and fixed', () => {
  assert.equal(t('course.position', { n: 4 }), 'Lesson 4 of {total}');
});
