// Every screen, in the order of the navigation.
import { board } from './board.js';
import { deals } from './deals.js';
import { waterfall } from './waterfall.js';
import { conversion } from './conversion.js';
import { slippage } from './slippage.js';
import { velocity } from './velocity.js';
import { funnel } from './funnel.js';
import { created } from './created.js';
import { mine } from './mine.js';
import { inspection } from './inspection.js';
import { accuracy } from './accuracy.js';

export const SCREENS = [board, deals, waterfall, conversion, slippage, velocity, funnel, created, mine, inspection, accuracy];
