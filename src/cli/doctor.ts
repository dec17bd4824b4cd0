import type { Command } from 'commander';
import type { Io } from '../io/io.js';

/** `plangen doctor`. (STUB: to be built.) */
export function registerDoctorCommand(program: Command, io: Io, setCode: (code: number) => void): void {
  void program;
  void io;
  void setCode;
}
