// Whether this machine can run the jail; jail tests say why they are skipped when it cannot.
import { checkJail } from '../../sandbox/jail/availability.js';

const check = checkJail();
export const jailSkip: false | string = check.ok ? false : `sandbox unavailable here: ${check.reason}`;
