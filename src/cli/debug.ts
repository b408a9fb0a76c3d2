/** `whittle debug`: registered here by the team building it this session; until then it adds nothing. */
import type { CommandRegistrar } from './runtime.js';

export const registerDebug: CommandRegistrar = () => {};
