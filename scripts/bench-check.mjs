// Times `plangen check` on a folder of 200 generated plans, minus the CLI's start-up
// (`plangen --version`). Plans are written to a temporary folder and removed afterwards.
// Usage: npm run build && node scripts/bench-check.mjs [rounds]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const rounds = Number(process.argv[2] ?? 7);
const bin = new URL('../bin/plangen.js', import.meta.url).pathname;
const dir = mkdtempSync(path.join(tmpdir(), 'plangen-bench-'));

const units = ['街道平安办', '各社区居委会', '街道城管科', '派出所', '消防站', '市场监管所', '卫生服务中心', '学校', '物业公司', '综治中心'];
function plan(i) {
  const month = 1 + (i % 9);
  const pad = (n) => String(n).padStart(2, '0');
  const duties = units.slice(0, 3 + (i % 8)).map((u, k) => `  - unit: ${u}\n    tasks: [负责第${k + 1}项工作, 按时报送材料, 做好宣传动员]`).join('\n');
  const phases = [0, 1, 2].map((k) => `  - { name: 第${k + 1}阶段, start: 2025-${pad(month + k)}-01, end: 2025-${pad(month + k)}-${20 + k} }`).join('\n');
  const targets = [90, 95, 98].map((v, k) => `  - { name: 指标${k + 1}完成率, op: ">=", value: ${v}, unit: "%" }`).join('\n');
  const body = Array.from({ length: 6 }, (_, s) =>
    `## 第${s + 1}部分\n\n### 具体要求\n\n各单位要高度重视，认真组织，于${month}月${10 + s}日前完成“第${s + 1}项”工作（含《通知》要求），确保取得实效。` +
    (i % 10 === 0 && s === 0 ? '请xx社区于06月05日前报送,见 https://example.com/a 。' : '') +
    '\n\n| 单位 | 任务 |\n| --- | --- |\n| 平安办 | 牵头 |\n',
  ).join('\n');
  return `---\ntitle: 关于开展2025年第${i + 1}批专项检查的工作方案\nissuer: 某某区某某街道办事处\nnumber: 某街发〔2025〕${i + 1}号\ndate: 2025-${pad(month)}-01\nrecipients: [各社区居委会, 街道各科室]\nleaders:\n  group: 专项检查工作领导小组\n  members:\n    - { role: 组长, name: 王某某, post: 街道党工委书记 }\n    - { role: 成员, name: [赵某某, 钱某某, 孙某某] }\nphases:\n${phases}\ntargets:\n${targets}\nduties:\n${duties}\ncc: [区应急管理局]\nprinter: 某某街道党政办公室\nprinted: 2025-${pad(month)}-02\n---\n\n${body}\n{{> leaders}}\n`;
}
for (let i = 0; i < 200; i++) writeFileSync(path.join(dir, `plan-${String(i).padStart(3, '0')}.md`), plan(i));

// CPU time of finished children (cutime + cstime, in clock ticks) from /proc: on a busy
// shared host wall time swings 2–3×, CPU time much less.
function childCpuMs() {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return NaN;
  }
}
function time(args) {
  const cpu = childCpuMs();
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status === 2) throw new Error(`plangen ${args.join(' ')} failed:\n${r.stderr}`);
  return { ms, cpu: childCpuMs() - cpu, out: r.stdout };
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
try {
  time(['--version']);
  const first = time(['check', dir]);
  const summary = first.out.trim().split('\n').pop();
  const startup = [];
  const check = [];
  for (let r = 0; r < rounds; r++) {
    startup.push(time(['--version']));
    check.push(time(['check', dir]));
  }
  for (const kind of ['ms', 'cpu']) {
    const s = median(startup.map((x) => x[kind]));
    const c = median(check.map((x) => x[kind]));
    const label = kind === 'ms' ? 'wall' : 'cpu ';
    console.log(`${label}: check of 200 plans ${c.toFixed(0)} ms, start-up ${s.toFixed(0)} ms, work ${(c - s).toFixed(0)} ms (${((c - s) / 200).toFixed(2)} ms a plan); median of ${rounds}`);
  }
  console.log(`report: ${summary}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
