// Preloaded into the plangen child by test/hostile/run-case.ts: writes the process's peak
// resident memory (KB, worker threads included) where PLANGEN_TEST_RSS_FILE says, at exit.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  const file = process.env.PLANGEN_TEST_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
