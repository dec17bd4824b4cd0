import type { Command } from 'commander';
import type { Io } from '../io/io.js';

/** `plangen templates`, `plangen init`, `plangen template eject`. (STUB: to be built.) */
export function registerTemplateCommands(program: Command, io: Io, setCode: (code: number) => void): void {
  void program;
  void io;
  void setCode;
}
