import type { AreaCatalogs } from "./area-messages.js";

// The public transparency register of support requested, offered and provided (R14; res. 45/32 OP8), in the six
// languages.

const en = {
  "register.title": "Transparency register",
};
type Transparency = { [K in keyof typeof en]: string };

const fr: Transparency = {
  "register.title": "Registre de transparence",
};
const es: Transparency = {
  "register.title": "Registro de transparencia",
};
const ru: Transparency = {
  "register.title": "Реестр прозрачности",
};
const ar: Transparency = {
  "register.title": "سجل الشفافية",
};
const zh: Transparency = {
  "register.title": "透明度登记册",
};

export const transparencyMessages: AreaCatalogs<typeof en> = { en, fr, es, ru, ar, zh };
