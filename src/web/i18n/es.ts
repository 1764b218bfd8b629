import type { Catalog } from "./en.js";

// Partial: missing keys fall back to English; `npm test` lists them (i18n-catalogs.test.ts).
export const es: Catalog = {
  "site.name": "Passerelle",
  "site.tagline": "Cooperación técnica y fomento de la capacidad en la esfera de los derechos humanos",
  "site.skip": "Ir al contenido principal",
  "nav.label": "Navegación principal",
  "nav.home": "Inicio",
  "nav.countries": "Países",
  "nav.organizations": "Organizaciones",
  "nav.data": "Fuentes de datos",
  "nav.account": "Mi cuenta",
  "nav.signIn": "Iniciar sesión",
  "nav.signOut": "Cerrar sesión",
  "lang.label": "Idioma",
  "home.title": "Passerelle",
  "home.countsTitle": "Lo que contiene la plataforma hoy",
  "home.explore": "Explorar",
  "countries.title": "Países y zonas",
  "login.title": "Iniciar sesión",
  "login.email": "Correo electrónico",
  "login.password": "Contraseña",
  "login.submit": "Iniciar sesión",
  "error.notFound.title": "Página no encontrada",
  "error.backHome": "Volver al inicio",
  "designation.un_member": "Estado Miembro de las Naciones Unidas",
};
