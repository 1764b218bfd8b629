import type { Catalog } from "./en.js";

// Partial: missing keys fall back to English; `npm test` lists them (i18n-catalogs.test.ts).
export const zh: Catalog = {
  "site.name": "Passerelle",
  "site.tagline": "人权领域的技术合作与能力建设",
  "site.skip": "跳到主要内容",
  "nav.label": "主导航",
  "nav.home": "首页",
  "nav.countries": "国家",
  "nav.organizations": "组织",
  "nav.data": "数据来源",
  "nav.account": "我的账户",
  "nav.signIn": "登录",
  "nav.signOut": "退出",
  "lang.label": "语言",
  "home.title": "Passerelle",
  "home.countsTitle": "平台现有内容",
  "home.explore": "浏览",
  "countries.title": "国家和地区",
  "login.title": "登录",
  "login.email": "电子邮件地址",
  "login.password": "密码",
  "login.submit": "登录",
  "error.notFound.title": "未找到页面",
  "error.backHome": "返回首页",
  "designation.un_member": "联合国会员国",
};
