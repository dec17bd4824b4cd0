/**
 * `plangen --lang en check x.md` as well as `plangen check x.md --lang en`: options belong to
 * the commands, so a `--lang` written before the command is moved after it.
 */
export function hoistLang(argv: readonly string[]): string[] {
  const lead: string[] = [];
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--lang' && i + 1 < argv.length) lead.push(a, argv[++i] ?? '');
    else if (a.startsWith('--lang=')) lead.push(a);
    else break;
  }
  if (lead.length === 0 || i >= argv.length || (argv[i] ?? '').startsWith('-')) return [...argv];
  // `template eject` and `manifest merge` are commands inside a command group: their options follow both words.
  const words = (argv[i] === 'template' || argv[i] === 'manifest') && i + 1 < argv.length ? 2 : 1;
  return [...argv.slice(i, i + words), ...lead, ...argv.slice(i + words)];
}
