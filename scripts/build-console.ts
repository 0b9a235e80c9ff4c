import { ensureConsoleBuilt } from '../src/frontends/console.js';

/** `npm run build`'s second half: the reference console into dist/console (skipped when already current). */
const { dir, built } = await ensureConsoleBuilt();
console.log(built ? `console built into ${dir}` : `console in ${dir} is current`);
