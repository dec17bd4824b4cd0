/** Small plans shared by the command-line tests. */

/** A short plan: title, issuer, date and one body section; `extra` is added to its text. */
export const shortPlan = (title: string, extra = '') => `---
title: 关于开展${title}的工作方案
issuer: 某某区某某街道办事处
date: 2025-06-03
---

## 指导思想

坚持人民至上、生命至上，全面排查整治辖区火灾隐患。${extra}
`;

/** A plan with a leading group, so both its template and the `leaders` partial are used. */
export const leadersPlan = (title: string, extra = '') => `---
title: 关于开展${title}的工作方案
issuer: 某某区某某街道办事处
date: 2025-06-03
leaders:
  group: ${title}工作领导小组
  members:
    - { role: 组长, name: 王某某, post: 街道党工委书记 }
---

## 指导思想

坚持人民至上，全面排查整治辖区火灾隐患。${extra}

## 组织领导

{{> leaders}}
`;
