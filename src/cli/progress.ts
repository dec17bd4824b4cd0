import { styleText } from 'node:util';
import { formatMessage, type Lang, type RuleId } from '../diagnostics/catalogue.js';
import type { Io } from '../io/io.js';
import { terminalSafe } from '../util/characters.js';

type Colour = 'red' | 'yellow' | 'green' | 'dim';

/**
 * What a batch build says while it runs, on standard error: on a terminal one line redrawn
 * in place (`[37/200] PDF plans/消防/夏季.md`), in a log one line per finished file, with
 * --quiet nothing; then one summary line. Colour only on a terminal, unless NO_COLOR or
 * FORCE_COLOR (https://no-color.org, https://force-color.org) say otherwise.
 */
export class Progress {
  private readonly tty: boolean;
  private readonly colour: boolean;
  private drawn = false;

  constructor(
    private readonly io: Io,
    private readonly lang: Lang,
    private readonly enabled: boolean,
    /** Per-plan lines only for a batch: one plan needs no counter. */
    private readonly perPlan: boolean,
  ) {
    this.tty = io.stderr.isTTY === true;
    this.colour = wantsColour(io);
  }

  /** A stage has started on a plan (shown only on a terminal, where it is replaced by the next). */
  start(step: number, total: number, stage: string, shown: string): void {
    if (!this.enabled || !this.perPlan || !this.tty) return;
    this.io.stderr.write(`\r\x1b[2K${terminalSafe(`[${step}/${total}] ${stage} ${shown}`)}`);
    this.drawn = true;
  }

  /** A plan has finished a stage: `→ out.docx`, unchanged, or failed. */
  finish(step: number, total: number, stage: string, shown: string, outcome: { readonly to: string } | 'unchanged' | 'failed'): void {
    if (!this.enabled || !this.perPlan) return;
    const tail =
      outcome === 'failed' ? this.paint('red', '✖') : outcome === 'unchanged' ? this.paint('dim', formatMessage('progress-unchanged', {}, this.lang)) : `→ ${terminalSafe(outcome.to)}`;
    const line = `[${step}/${total}] ${stage} ${terminalSafe(shown)} ${tail}`;
    // On a terminal only failures stay on screen; the rest is redrawn over.
    if (this.tty && outcome !== 'failed') this.start(step, total, stage, shown);
    else this.line(line);
  }

  /** A line of its own from the catalogue (the PDF stage starting, the summary). */
  say(id: RuleId, args: Record<string, string | number>, colour?: Colour): void {
    if (!this.enabled) return;
    const text = terminalSafe(formatMessage(id, args, this.lang));
    this.line(colour ? this.paint(colour, text) : text);
  }

  /** Clear the redrawn line so the report below starts on a clean one. */
  end(): void {
    if (this.drawn) this.io.stderr.write('\r\x1b[2K');
    this.drawn = false;
  }

  private line(text: string): void {
    this.end();
    this.io.stderr.write(text + '\n');
  }

  private paint(colour: Colour, text: string): string {
    if (!this.colour) return text;
    // Whether to colour is decided above from the injected io; newer Node would check process.stdout instead.
    return (styleText as (f: string, t: string, o?: { validateStream: boolean }) => string)(colour, text, { validateStream: false });
  }
}

/** NO_COLOR (non-empty) turns colour off, FORCE_COLOR on (unless 0/false), else colour on a terminal. */
export function wantsColour(io: Io): boolean {
  if (io.env['NO_COLOR']) return false;
  const force = io.env['FORCE_COLOR'];
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return io.stderr.isTTY === true;
}
