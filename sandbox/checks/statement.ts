// An exercise statement as a list of bullets: the `## Exercise` section of a lesson's index.mdx,
// one bullet per promise the checks must keep. A check names the bullets it asserts by quoting
// them (`covers`), so a test can prove every bullet is asserted and no check asserts more.
import { readFileSync } from 'node:fs';
import { lessonLayout } from '../../schema/lesson-layout.js';

export interface StatementBullet {
  /** 1-based position in the statement ("bullet 3"). */
  index: number;
  /** The bullet as a reader sees it: markdown emphasis and code marks removed, lines joined. */
  text: string;
}

/** Text as a reader sees it: no `**`, no backticks, single spaces. Quotes are compared in this form. */
export function plainStatementText(markdown: string): string {
  return markdown
    .replace(/\*\*|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The top-level bullets of the `## Exercise` section (continuation lines joined to their bullet). */
export function exerciseBullets(mdx: string): StatementBullet[] {
  const section = /^## Exercise\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(mdx)?.[1] ?? '';
  const bullets: string[][] = [];
  let inBullet = false;
  for (const line of section.split('\n')) {
    if (/^- /.test(line)) {
      bullets.push([line.slice(2)]);
      inBullet = true;
    } else if (inBullet && /^\s+\S/.test(line)) {
      bullets[bullets.length - 1].push(line.trim());
    } else {
      inBullet = false;
    }
  }
  return bullets.map((parts, i) => ({ index: i + 1, text: plainStatementText(parts.join(' ')) }));
}

export function lessonExerciseBullets(lessonDir: string): StatementBullet[] {
  return exerciseBullets(readFileSync(lessonLayout(lessonDir).text, 'utf8'));
}

/** The bullets a quote names: those whose text contains it (after plainStatementText). */
export function bulletsQuoted(bullets: StatementBullet[], quote: string): StatementBullet[] {
  const needle = plainStatementText(quote);
  return bullets.filter((b) => b.text.includes(needle));
}
