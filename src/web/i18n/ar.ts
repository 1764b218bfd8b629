import type { Catalog } from "./en.js";

// Partial: missing keys fall back to English; `npm test` lists them (i18n-catalogs.test.ts).
export const ar: Catalog = {
  "site.name": "Passerelle",
  "site.tagline": "التعاون التقني وبناء القدرات في مجال حقوق الإنسان",
  "site.skip": "انتقل إلى المحتوى الرئيسي",
  "nav.label": "التنقل الرئيسي",
  "nav.home": "الصفحة الرئيسية",
  "nav.countries": "البلدان",
  "nav.organizations": "المنظمات",
  "nav.data": "مصادر البيانات",
  "nav.account": "حسابي",
  "nav.signIn": "تسجيل الدخول",
  "nav.signOut": "تسجيل الخروج",
  "lang.label": "اللغة",
  "home.title": "Passerelle",
  "home.countsTitle": "ما تحتويه المنصة اليوم",
  "home.explore": "استكشف",
  "countries.title": "البلدان والمناطق",
  "login.title": "تسجيل الدخول",
  "login.email": "البريد الإلكتروني",
  "login.password": "كلمة المرور",
  "login.submit": "تسجيل الدخول",
  "error.notFound.title": "الصفحة غير موجودة",
  "error.backHome": "العودة إلى الصفحة الرئيسية",
  "designation.un_member": "دولة عضو في الأمم المتحدة",
};
