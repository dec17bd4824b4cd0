import { it } from 'vitest';
import { findPlaceholders } from '../../src/validate/rules/placeholder.js';
it('x', () => {
  for (const t of ['20**年12月7日起至20**年', '____年____月____日', '联系电话：________', '组长：___，副组长：___', '20__年__月__日', '于20＿＿年完成', '×月×日', '某月某日', '王某某', 'X月X日', 'XX局', '○○社区', '□□', 'snake_case __init__', '共**3**人', '2024年某日', '某某区某某街道']) console.log(t, JSON.stringify(findPlaceholders(t)));
});
