import type { Catalog } from "./en.js";

// Partial: missing keys fall back to English; `npm test` lists them (i18n-catalogs.test.ts).
export const ru: Catalog = {
  "site.name": "Passerelle",
  "site.tagline": "Техническое сотрудничество и укрепление потенциала в области прав человека",
  "site.skip": "Перейти к основному содержанию",
  "nav.label": "Основная навигация",
  "nav.home": "Главная",
  "nav.countries": "Страны",
  "nav.organizations": "Организации",
  "nav.data": "Источники данных",
  "nav.account": "Моя учётная запись",
  "nav.signIn": "Войти",
  "nav.signOut": "Выйти",
  "lang.label": "Язык",
  "home.title": "Passerelle",
  "home.countsTitle": "Что содержит платформа сегодня",
  "home.explore": "Обзор",
  "countries.title": "Страны и территории",
  "login.title": "Вход",
  "login.email": "Адрес электронной почты",
  "login.password": "Пароль",
  "login.submit": "Войти",
  "error.notFound.title": "Страница не найдена",
  "error.backHome": "Вернуться на главную страницу",
  "designation.un_member": "Государство — член ООН",
};
