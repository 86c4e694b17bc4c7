// Terminal ids become parts of URLs and DOM ids: keep them short and plain.
import { z } from 'zod';

export const terminalIdSchema = z.string().regex(/^[a-z][a-z0-9-]{0,23}$/, 'must be lowercase letters, digits and dashes, starting with a letter');
