/**
 * The starter plan `plangen init` writes: every field and section filled with realistic
 * sample values (anonymised with 某某 as in PLAN-FORMAT.md, never sample placeholders
 * such as xx that `check` rejects), so a clerk edits rather than starts from nothing.
 */
export function starterPlan(opts: { readonly template: string; readonly schema: string }): string {
  const template = /^[A-Za-z0-9_./-]+$/.test(opts.template) ? opts.template : JSON.stringify(opts.template);
  return `---
# yaml-language-server: $schema=${opts.schema}
title: 关于开展2025年汛期安全隐患排查整治的工作方案
issuer: 某某区某某街道办事处
number: 某街发〔2025〕12号
date: 2025-05-20
recipients: [各社区居委会, 街道各科室]
template: ${template}
leaders:
  group: 汛期安全隐患排查整治工作领导小组
  members:
    - { role: 组长, name: 王某某, post: 街道党工委书记 }
    - { role: 副组长, name: 李某某, post: 街道办事处副主任 }
    - { role: 成员, name: [赵某某, 钱某某, 孙某某] }
  office:
    host: 街道应急管理办公室
    director: 赵某某
    post: 街道党工委委员、办事处副主任
    deputies: [周某某]
groups:
  - name: 督查组
    members:
      - { role: 组长, name: 钱某某, post: 街道纪工委副书记 }
    tasks: [督促各社区落实排查责任, 跟踪隐患整改进度]
phases:
  - { name: 动员部署阶段, start: 2025-05-26, end: 2025-06-05, tasks: [制定工作方案, 召开动员部署会] }
  - { name: 排查整治阶段, start: 2025-06-06, end: 2025-08-31, tasks: [全面排查隐患, 建立整改台账] }
  - { name: 总结提升阶段, end: 2025-09-15, tasks: [总结工作经验, 完善长效机制] }
targets:
  - { name: 重点部位排查覆盖率, op: ">=", value: 100, unit: "%" }
  - { name: 重大隐患整改率, op: "=", value: 100, unit: "%", by: 2025-08-31 }
duties:
  - unit: 街道应急管理办公室
    tasks: [牵头组织排查整治, 汇总上报工作情况]
  - unit: 街道城建办
    tasks: [排查在建工地和老旧房屋隐患]
  - unit: 各社区居委会
    tasks: [排查辖区低洼地带和地下空间, 组织群众转移演练]
attachments:
  - 汛期安全隐患排查整治责任分工表
cc: [区应急管理局, 区水务局]
printer: 某某街道党政办公室
printed: 2025-05-21
---

## 指导思想

坚持人民至上、生命至上，把确保人民群众生命财产安全放在第一位，全面排查整治汛期安全隐患，切实做好今年防汛各项工作。

## 工作目标

{{> targets}}

## 组织领导

{{> leaders}}

{{> groups}}

## 实施步骤

{{> phases}}

## 职责分工

{{> duties}}

## 工作要求

### 提高思想认识

各社区、各科室要充分认识汛期安全隐患排查整治工作的重要性，主要负责同志亲自部署、亲自督促。

### 强化督促检查

{{leaders.group}}办公室要加强督促检查，对工作不力、整改不到位的单位及时通报。
`;
}
