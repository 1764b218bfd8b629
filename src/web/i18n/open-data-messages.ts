import type { AreaCatalogs } from "./area-messages.js";

// The open-data page and the download links (formats, licences, update times; R14, R34), in the six languages.

const en = {
  "opendata.title": "Open data",
  "opendata.imports.title": "IATI files imported",
  "opendata.imports.lead":
    "Activities published by providers in their own IATI files and imported here, with what each import did. A file imported again changes only what its publisher changed.",
  "opendata.imports.none": "No IATI file has been imported yet.",
  "opendata.imports.col.file": "File",
  "opendata.imports.col.version": "IATI version",
  "opendata.imports.col.date": "Imported",
  "opendata.imports.col.created": "Created",
  "opendata.imports.col.updated": "Updated",
  "opendata.imports.col.unchanged": "Unchanged",
  "opendata.imports.col.skipped": "Skipped",
  "opendata.download.label": "Download:",
  "opendata.download.csv": "Download {dataset} as CSV",
  "opendata.download.hxl": "Download {dataset} as HXL-tagged CSV",
  "opendata.download.json": "Download {dataset} as JSON",
  "opendata.download.about": "About these formats",
  "opendata.dataset.activities": "the activities",
  "opendata.dataset.countries": "the countries",
  "opendata.dataset.offers": "the offers",
  "opendata.dataset.organizations": "the organizations",
  "opendata.dataset.requests": "the assistance requests",
  "opendata.dataset.recommendations": "the recommendations",
  "opendata.fromData": "Download the published data as CSV, HXL, JSON or IATI XML: open data",
  "opendata.lead":
    "Everything Passerelle publishes can be downloaded, reused and cited: the technical cooperation requested, offered and provided (resolution 45/32, OP8), the recommendations it answers and the reference data it uses. Only public data is in the files; details a State withheld never are.",
  "opendata.datasets": "Datasets",
  "opendata.page": "Page: {name}",
  "opendata.ds.activities.name": "Activities register",
  "opendata.ds.activities.body":
    "Technical cooperation activities: State, provider, status, dates, budget (also in US dollars, with the rate used), themes, SDG targets and forms of assistance. The downloads take the filters of the list: search, State, provider, status, theme, year, form of assistance, SDG goal.",
  "opendata.ds.register.name": "Transparency register by State",
  "opendata.ds.register.body":
    "Support requested, offered and provided, per State and per provider, with counts and amounts. Activities whose details were withheld are counted; counts under 3 are not shown. Each table of the register has its own download links.",
  "opendata.ds.offers.name": "Offers of assistance",
  "opendata.ds.offers.body":
    "Offers published on the board: provider, State, themes, forms of assistance, languages, regions, availability and budget. Drafts and offers no longer published are never included.",
  "opendata.ds.recommendations.name": "Recommendations",
  "opendata.ds.recommendations.body":
    "Recommendations of the Universal Periodic Review and of OHCHR's thematic lists, with positions, themes and SDG goals. The downloads take the search and filters of the recommendations page.",
  "opendata.ds.countries.name": "Countries",
  "opendata.ds.countries.body":
    "States and territories with their ISO 3166-1 and M49 codes, M49 region, United Nations regional group and designations (Member State or observer, LDC, LLDC, SIDS).",
  "opendata.ds.iati.name": "IATI activity file",
  "opendata.ds.iati.body":
    "Every public activity that has an IATI identifier, in one IATI 2.03 activity file. Add country= with an ISO 3166-1 alpha-3 code for one State, or provider= with a provider's short name for one provider.",
  "opendata.ds.iati.all": "All activities (IATI XML)",
  "opendata.ds.iati.state": "One State, e.g. Senegal",
  "opendata.publishers": "IATI organisation files",
  "opendata.publishers.body":
    "Each provider with an IATI organisation identifier has an organisation file (its total expenditure per year) and its own activity file.",
  "opendata.publishers.none": "No provider has an IATI organisation identifier yet.",
  "opendata.publishers.caption": "Providers publishing IATI files",
  "opendata.col.provider": "Provider",
  "opendata.col.iatiRef": "IATI organisation identifier",
  "opendata.col.files": "Files",
  "opendata.publishers.organisation": "Organisation file",
  "opendata.publishers.activities": "Activity file",
  "opendata.formats": "Formats",
  "opendata.format.csv":
    "Comma-separated values in UTF-8 with a byte-order mark, so that spreadsheets open accented and non-Latin text correctly. The first row names the columns; lists are joined with |. A cell a spreadsheet would run as a formula starts with an apostrophe.",
  "opendata.format.hxl":
    "The same CSV with a second row of hashtags from the Humanitarian Exchange Language (HXL 1.1), such as #country+code or #value+budget+usd, which tell tools what each column holds whatever its header. The tags follow those of OCHA's Financial Tracking Service files on HDX, so the files combine with humanitarian funding data.",
  "opendata.format.json":
    'One object with "columns" (the key, header and HXL tag of each column) and "rows", one object per row keyed by the column keys. Amounts are decimal text, never rounded; lists are arrays.',
  "opendata.format.iati":
    "The standard of the International Aid Transparency Initiative. Every file is checked against the official IATI 2.03 schema and the IATI Rulesets that apply (dates in order, percentages summing to 100, codes from the IATI codelists).",
  "opendata.licences": "Licences and citation",
  "opendata.licence.published":
    "Data published by Passerelle (activities, register, offers, countries as compiled here): Creative Commons Attribution 4.0 International (CC BY 4.0). Attribution: “Passerelle”, with the date of download.",
  "opendata.licence.upr": "Recommendations: source UPR Info (upr-info.org) and the OHCHR Universal Human Rights Index; cite the source given in each row.",
  "opendata.licence.iati": "IATI codelists: International Aid Transparency Initiative, CC BY 4.0.",
  "opendata.licence.reference": "Reference data (M49, SDG framework, UHRI themes and others): the licence of each source, as listed on",
  "opendata.updates": "Update times",
  "opendata.updates.live": "Downloads are built from the database when they are requested: they always hold the current data, never an old copy.",
  "opendata.updates.latest": "Latest change to the data: {time}.",
  "opendata.updates.none": "No data has been recorded yet.",
  "opendata.updates.iati":
    "In an IATI file, each activity gives the time it last changed (last-updated-datetime), and the file's generated-datetime is the latest of these.",
  "opendata.updates.reference": "Reference datasets show their version and loading date on",
  "opendata.developers": "For developers",
  "opendata.dev.urls": "Download addresses are stable: the page's address with .csv, .hxl.csv or .json added to its path, and the same query.",
  "opendata.dev.cache":
    "Every download carries an ETag and Cache-Control (public, max-age=300, must-revalidate without sign-in; private, no-cache when signed in). Send the ETag back in If-None-Match: while nothing has changed, the answer is 304 Not Modified, without a body.",
  "opendata.dev.api":
    "The JSON API is described in OpenAPI 3.1. Anonymous calls see public data; with Authorization: Bearer and a token, you see what your roles allow.",
  "opendata.dev.apiLink": "API description (OpenAPI)",
  "opendata.dev.example":
    "Example: the activities in Senegal in 2026, largest budget first, as HXL; then the same request with the ETag received, answered 304 while your copy is current:",
};
type OpenData = { [K in keyof typeof en]: string };
const fr: OpenData = {
  "opendata.title": "Données ouvertes",
  "opendata.imports.title": "Fichiers IITA importés",
  "opendata.imports.lead":
    "Les activités publiées par les prestataires dans leurs propres fichiers IITA et importées ici, avec ce que chaque importation a fait. Un fichier importé de nouveau ne change que ce que son éditeur a changé.",
  "opendata.imports.none": "Aucun fichier IITA n'a encore été importé.",
  "opendata.imports.col.file": "Fichier",
  "opendata.imports.col.version": "Version IITA",
  "opendata.imports.col.date": "Importé le",
  "opendata.imports.col.created": "Créées",
  "opendata.imports.col.updated": "Mises à jour",
  "opendata.imports.col.unchanged": "Inchangées",
  "opendata.imports.col.skipped": "Écartées",
  "opendata.download.label": "Télécharger :",
  "opendata.download.csv": "Télécharger {dataset} au format CSV",
  "opendata.download.hxl": "Télécharger {dataset} au format CSV balisé HXL",
  "opendata.download.json": "Télécharger {dataset} au format JSON",
  "opendata.download.about": "À propos de ces formats",
  "opendata.dataset.activities": "les activités",
  "opendata.dataset.countries": "les pays",
  "opendata.dataset.offers": "les offres",
  "opendata.dataset.organizations": "les organisations",
  "opendata.dataset.requests": "les demandes d'assistance",
  "opendata.dataset.recommendations": "les recommandations",
  "opendata.fromData": "Télécharger les données publiées en CSV, HXL, JSON ou XML IATI : données ouvertes",
  "opendata.lead":
    "Tout ce que Passerelle publie peut être téléchargé, réutilisé et cité : la coopération technique demandée, offerte et fournie (résolution 45/32, par. 8), les recommandations auxquelles elle répond et les données de référence qu'elle utilise. Les fichiers ne contiennent que des données publiques, jamais les détails qu'un État a soustraits à la publication.",
  "opendata.datasets": "Jeux de données",
  "opendata.page": "Page : {name}",
  "opendata.ds.activities.name": "Registre des activités",
  "opendata.ds.activities.body":
    "Activités de coopération technique : État, prestataire, statut, dates, budget (aussi en dollars des États-Unis, avec le taux utilisé), thèmes, cibles des ODD et formes d'assistance. Les téléchargements reprennent les filtres de la liste : recherche, État, prestataire, statut, thème, année, forme d'assistance, objectif de développement durable.",
  "opendata.ds.register.name": "Registre de transparence par État",
  "opendata.ds.register.body":
    "Soutien demandé, offert et fourni, par État et par prestataire, avec effectifs et montants. Les activités dont les détails ont été soustraits à la publication sont comptées ; les effectifs inférieurs à 3 ne sont pas affichés. Chaque tableau du registre a ses propres liens de téléchargement.",
  "opendata.ds.offers.name": "Offres d'assistance",
  "opendata.ds.offers.body":
    "Offres publiées sur le tableau : prestataire, État, thèmes, formes d'assistance, langues, régions, disponibilité et budget. Les brouillons et les offres qui ne sont plus publiées n'y figurent jamais.",
  "opendata.ds.recommendations.name": "Recommandations",
  "opendata.ds.recommendations.body":
    "Recommandations de l'Examen périodique universel et des listes thématiques du HCDH, avec positions, thèmes et objectifs de développement durable. Les téléchargements reprennent la recherche et les filtres de la page des recommandations.",
  "opendata.ds.countries.name": "Pays",
  "opendata.ds.countries.body":
    "États et territoires avec leurs codes ISO 3166-1 et M49, région M49, groupe régional de l'ONU et désignations (État Membre ou observateur, PMA, PDSL, PEID).",
  "opendata.ds.iati.name": "Fichier d'activités IATI",
  "opendata.ds.iati.body":
    "Toutes les activités publiques qui ont un identifiant IATI, dans un fichier d'activités IATI 2.03. Ajoutez country= suivi d'un code ISO 3166-1 alpha-3 pour un seul État, ou provider= suivi du nom court d'un prestataire pour un seul prestataire.",
  "opendata.ds.iati.all": "Toutes les activités (XML IATI)",
  "opendata.ds.iati.state": "Un seul État, par exemple le Sénégal",
  "opendata.publishers": "Fichiers d'organisation IATI",
  "opendata.publishers.body":
    "Chaque prestataire doté d'un identifiant d'organisation IATI a un fichier d'organisation (ses dépenses totales par année) et son propre fichier d'activités.",
  "opendata.publishers.none": "Aucun prestataire n'a encore d'identifiant d'organisation IATI.",
  "opendata.publishers.caption": "Prestataires publiant des fichiers IATI",
  "opendata.col.provider": "Prestataire",
  "opendata.col.iatiRef": "Identifiant d'organisation IATI",
  "opendata.col.files": "Fichiers",
  "opendata.publishers.organisation": "Fichier d'organisation",
  "opendata.publishers.activities": "Fichier d'activités",
  "opendata.formats": "Formats",
  "opendata.format.csv":
    "Valeurs séparées par des virgules, en UTF-8 avec indicateur d'ordre des octets, pour que les tableurs affichent correctement les accents et les écritures non latines. La première ligne nomme les colonnes ; les listes sont jointes par |. Une cellule qu'un tableur exécuterait comme une formule commence par une apostrophe.",
  "opendata.format.hxl":
    "Le même CSV avec une deuxième ligne de mots-dièse du Humanitarian Exchange Language (HXL 1.1), comme #country+code ou #value+budget+usd, qui indiquent aux outils le contenu de chaque colonne quel que soit son en-tête. Les balises suivent celles des fichiers du Service de surveillance financière (FTS) de l'OCHA sur HDX, de sorte que les fichiers se combinent avec les données de financement humanitaire.",
  "opendata.format.json":
    'Un objet avec "columns" (la clé, l\'en-tête et la balise HXL de chaque colonne) et "rows", un objet par ligne dont les propriétés sont les clés des colonnes. Les montants sont du texte décimal, jamais arrondi ; les listes sont des tableaux.',
  "opendata.format.iati":
    "La norme de l'Initiative internationale pour la transparence de l'aide. Chaque fichier est vérifié au regard du schéma officiel IATI 2.03 et des règles IATI applicables (dates dans l'ordre, pourcentages totalisant 100, codes des listes de codes IATI).",
  "opendata.licences": "Licences et citation",
  "opendata.licence.published":
    "Données publiées par Passerelle (activités, registre, offres, pays tels que compilés ici) : Creative Commons Attribution 4.0 International (CC BY 4.0). Attribution : « Passerelle », avec la date du téléchargement.",
  "opendata.licence.upr":
    "Recommandations : source UPR Info (upr-info.org) et Index universel des droits de l'homme du HCDH ; citez la source indiquée sur chaque ligne.",
  "opendata.licence.iati": "Listes de codes IATI : Initiative internationale pour la transparence de l'aide, CC BY 4.0.",
  "opendata.licence.reference":
    "Données de référence (M49, cadre des ODD, thèmes de l'Index universel et autres) : la licence de chaque source, indiquée sur la page",
  "opendata.updates": "Mises à jour",
  "opendata.updates.live":
    "Les téléchargements sont produits à partir de la base de données au moment de la demande : ils contiennent toujours les données actuelles, jamais une copie ancienne.",
  "opendata.updates.latest": "Dernière modification des données : {time}.",
  "opendata.updates.none": "Aucune donnée n'a encore été enregistrée.",
  "opendata.updates.iati":
    "Dans un fichier IATI, chaque activité indique le moment de sa dernière modification (last-updated-datetime), et le generated-datetime du fichier est le plus récent de ces moments.",
  "opendata.updates.reference": "Les jeux de données de référence indiquent leur version et leur date de chargement sur la page",
  "opendata.developers": "Pour les développeurs",
  "opendata.dev.urls": "Les adresses de téléchargement sont stables : l'adresse de la page, avec .csv, .hxl.csv ou .json ajouté au chemin, et la même requête.",
  "opendata.dev.cache":
    "Chaque téléchargement porte un ETag et un Cache-Control (public, max-age=300, must-revalidate sans connexion ; private, no-cache une fois connecté). Renvoyez l'ETag dans If-None-Match : tant que rien n'a changé, la réponse est 304 Not Modified, sans contenu.",
  "opendata.dev.api":
    "L'API JSON est décrite en OpenAPI 3.1. Les appels anonymes voient les données publiques ; avec Authorization: Bearer et un jeton, vous voyez ce que vos rôles permettent.",
  "opendata.dev.apiLink": "Description de l'API (OpenAPI)",
  "opendata.dev.example":
    "Exemple : les activités au Sénégal en 2026, budget le plus élevé d'abord, en HXL ; puis la même requête avec l'ETag reçu, à laquelle la réponse est 304 tant que votre copie est à jour :",
};
const es: OpenData = {
  "opendata.title": "Datos abiertos",
  "opendata.imports.title": "Archivos IITA importados",
  "opendata.imports.lead":
    "Las actividades publicadas por los proveedores en sus propios archivos IITA e importadas aquí, con lo que hizo cada importación. Un archivo importado de nuevo solo cambia lo que su editor cambió.",
  "opendata.imports.none": "Todavía no se ha importado ningún archivo IITA.",
  "opendata.imports.col.file": "Archivo",
  "opendata.imports.col.version": "Versión IITA",
  "opendata.imports.col.date": "Importado",
  "opendata.imports.col.created": "Creadas",
  "opendata.imports.col.updated": "Actualizadas",
  "opendata.imports.col.unchanged": "Sin cambios",
  "opendata.imports.col.skipped": "Omitidas",
  "opendata.download.label": "Descargar:",
  "opendata.download.csv": "Descargar {dataset} en formato CSV",
  "opendata.download.hxl": "Descargar {dataset} en formato CSV etiquetado con HXL",
  "opendata.download.json": "Descargar {dataset} en formato JSON",
  "opendata.download.about": "Acerca de estos formatos",
  "opendata.dataset.activities": "las actividades",
  "opendata.dataset.countries": "los países",
  "opendata.dataset.offers": "las ofertas",
  "opendata.dataset.organizations": "las organizaciones",
  "opendata.dataset.requests": "las solicitudes de asistencia",
  "opendata.dataset.recommendations": "las recomendaciones",
  "opendata.fromData": "Descargar los datos publicados en CSV, HXL, JSON o XML IATI: datos abiertos",
  "opendata.lead":
    "Todo lo que publica Passerelle puede descargarse, reutilizarse y citarse: la cooperación técnica solicitada, ofrecida y prestada (resolución 45/32, párr. 8), las recomendaciones a las que responde y los datos de referencia que utiliza. Los archivos solo contienen datos públicos, nunca los detalles que un Estado excluyó de la publicación.",
  "opendata.datasets": "Conjuntos de datos",
  "opendata.page": "Página: {name}",
  "opendata.ds.activities.name": "Registro de actividades",
  "opendata.ds.activities.body":
    "Actividades de cooperación técnica: Estado, proveedor, estado de la actividad, fechas, presupuesto (también en dólares de los Estados Unidos, con el tipo de cambio utilizado), temas, metas de los ODS y formas de asistencia. Las descargas aplican los filtros de la lista: búsqueda, Estado, proveedor, estado, tema, año, forma de asistencia y Objetivo de Desarrollo Sostenible.",
  "opendata.ds.register.name": "Registro de transparencia por Estado",
  "opendata.ds.register.body":
    "Apoyo solicitado, ofrecido y prestado, por Estado y por proveedor, con recuentos e importes. Las actividades cuyos detalles se excluyeron de la publicación se cuentan; los recuentos inferiores a 3 no se muestran. Cada tabla del registro tiene sus propios enlaces de descarga.",
  "opendata.ds.offers.name": "Ofertas de asistencia",
  "opendata.ds.offers.body":
    "Ofertas publicadas en el tablón: proveedor, Estado, temas, formas de asistencia, idiomas, regiones, disponibilidad y presupuesto. Nunca se incluyen los borradores ni las ofertas que ya no están publicadas.",
  "opendata.ds.recommendations.name": "Recomendaciones",
  "opendata.ds.recommendations.body":
    "Recomendaciones del Examen Periódico Universal y de las listas temáticas del ACNUDH, con posiciones, temas y Objetivos de Desarrollo Sostenible. Las descargas aplican la búsqueda y los filtros de la página de recomendaciones.",
  "opendata.ds.countries.name": "Países",
  "opendata.ds.countries.body":
    "Estados y territorios con sus códigos ISO 3166-1 y M49, región M49, grupo regional de las Naciones Unidas y designaciones (Estado Miembro u observador, PMA, PDSL, PEID).",
  "opendata.ds.iati.name": "Archivo de actividades IATI",
  "opendata.ds.iati.body":
    "Todas las actividades públicas que tienen un identificador IATI, en un archivo de actividades IATI 2.03. Añada country= con un código ISO 3166-1 alfa-3 para un solo Estado, o provider= con el nombre corto de un proveedor para un solo proveedor.",
  "opendata.ds.iati.all": "Todas las actividades (XML IATI)",
  "opendata.ds.iati.state": "Un solo Estado, por ejemplo el Senegal",
  "opendata.publishers": "Archivos de organización IATI",
  "opendata.publishers.body":
    "Cada proveedor con un identificador de organización IATI tiene un archivo de organización (su gasto total por año) y su propio archivo de actividades.",
  "opendata.publishers.none": "Ningún proveedor tiene todavía un identificador de organización IATI.",
  "opendata.publishers.caption": "Proveedores que publican archivos IATI",
  "opendata.col.provider": "Proveedor",
  "opendata.col.iatiRef": "Identificador de organización IATI",
  "opendata.col.files": "Archivos",
  "opendata.publishers.organisation": "Archivo de organización",
  "opendata.publishers.activities": "Archivo de actividades",
  "opendata.formats": "Formatos",
  "opendata.format.csv":
    "Valores separados por comas, en UTF-8 con marca de orden de bytes, para que las hojas de cálculo muestren correctamente los acentos y las escrituras no latinas. La primera fila nombra las columnas; las listas se unen con |. Una celda que una hoja de cálculo ejecutaría como fórmula empieza con un apóstrofo.",
  "opendata.format.hxl":
    "El mismo CSV con una segunda fila de etiquetas del Humanitarian Exchange Language (HXL 1.1), como #country+code o #value+budget+usd, que indican a las herramientas qué contiene cada columna sea cual sea su encabezado. Las etiquetas siguen las de los archivos del Servicio de Seguimiento Financiero (FTS) de OCHA en HDX, de modo que los archivos se combinan con los datos de financiación humanitaria.",
  "opendata.format.json":
    'Un objeto con "columns" (la clave, el encabezado y la etiqueta HXL de cada columna) y "rows", un objeto por fila cuyas propiedades son las claves de las columnas. Los importes son texto decimal, nunca redondeado; las listas son matrices.',
  "opendata.format.iati":
    "La norma de la Iniciativa Internacional para la Transparencia de la Ayuda. Cada archivo se verifica con el esquema oficial IATI 2.03 y las reglas IATI aplicables (fechas en orden, porcentajes que suman 100, códigos de las listas de códigos IATI).",
  "opendata.licences": "Licencias y cita",
  "opendata.licence.published":
    "Datos publicados por Passerelle (actividades, registro, ofertas, países tal como se compilan aquí): Creative Commons Atribución 4.0 Internacional (CC BY 4.0). Atribución: «Passerelle», con la fecha de descarga.",
  "opendata.licence.upr":
    "Recomendaciones: fuente UPR Info (upr-info.org) y el Índice Universal de Derechos Humanos del ACNUDH; cite la fuente indicada en cada fila.",
  "opendata.licence.iati": "Listas de códigos IATI: Iniciativa Internacional para la Transparencia de la Ayuda, CC BY 4.0.",
  "opendata.licence.reference":
    "Datos de referencia (M49, marco de los ODS, temas del Índice Universal y otros): la licencia de cada fuente, indicada en la página",
  "opendata.updates": "Actualizaciones",
  "opendata.updates.live":
    "Las descargas se generan a partir de la base de datos en el momento de la solicitud: siempre contienen los datos actuales, nunca una copia antigua.",
  "opendata.updates.latest": "Último cambio en los datos: {time}.",
  "opendata.updates.none": "Todavía no se ha registrado ningún dato.",
  "opendata.updates.iati":
    "En un archivo IATI, cada actividad indica el momento de su último cambio (last-updated-datetime), y el generated-datetime del archivo es el más reciente de ellos.",
  "opendata.updates.reference": "Los conjuntos de datos de referencia indican su versión y fecha de carga en la página",
  "opendata.developers": "Para desarrolladores",
  "opendata.dev.urls":
    "Las direcciones de descarga son estables: la dirección de la página, con .csv, .hxl.csv o .json añadido a la ruta, y la misma consulta.",
  "opendata.dev.cache":
    "Cada descarga lleva un ETag y un Cache-Control (public, max-age=300, must-revalidate sin iniciar sesión; private, no-cache con la sesión iniciada). Devuelva el ETag en If-None-Match: mientras nada haya cambiado, la respuesta es 304 Not Modified, sin contenido.",
  "opendata.dev.api":
    "La API JSON se describe en OpenAPI 3.1. Las llamadas anónimas ven los datos públicos; con Authorization: Bearer y un token, usted ve lo que sus funciones permiten.",
  "opendata.dev.apiLink": "Descripción de la API (OpenAPI)",
  "opendata.dev.example":
    "Ejemplo: las actividades en el Senegal en 2026, mayor presupuesto primero, en HXL; luego la misma solicitud con el ETag recibido, cuya respuesta es 304 mientras su copia esté al día:",
};
const ru: OpenData = {
  "opendata.title": "Открытые данные",
  "opendata.imports.title": "Импортированные файлы IATI",
  "opendata.imports.lead":
    "Мероприятия, опубликованные поставщиками помощи в их собственных файлах IATI и импортированные сюда, и результат каждого импорта. Повторный импорт файла меняет только то, что изменил его издатель.",
  "opendata.imports.none": "Файлы IATI ещё не импортировались.",
  "opendata.imports.col.file": "Файл",
  "opendata.imports.col.version": "Версия IATI",
  "opendata.imports.col.date": "Дата импорта",
  "opendata.imports.col.created": "Создано",
  "opendata.imports.col.updated": "Обновлено",
  "opendata.imports.col.unchanged": "Без изменений",
  "opendata.imports.col.skipped": "Пропущено",
  "opendata.download.label": "Скачать:",
  "opendata.download.csv": "Скачать {dataset} в формате CSV",
  "opendata.download.hxl": "Скачать {dataset} в формате CSV с тегами HXL",
  "opendata.download.json": "Скачать {dataset} в формате JSON",
  "opendata.download.about": "Об этих форматах",
  "opendata.dataset.activities": "мероприятия",
  "opendata.dataset.countries": "страны",
  "opendata.dataset.offers": "предложения",
  "opendata.dataset.organizations": "организации",
  "opendata.dataset.requests": "запросы о помощи",
  "opendata.dataset.recommendations": "рекомендации",
  "opendata.fromData": "Скачать опубликованные данные в форматах CSV, HXL, JSON или XML IATI: открытые данные",
  "opendata.lead":
    "Всё, что публикует Passerelle, можно скачать, использовать повторно и цитировать: запрошенное, предложенное и оказанное техническое сотрудничество (резолюция 45/32, п. 8), рекомендации, на которые оно отвечает, и используемые справочные данные. Файлы содержат только открытые данные и никогда — сведения, которые государство исключило из публикации.",
  "opendata.datasets": "Наборы данных",
  "opendata.page": "Страница: {name}",
  "opendata.ds.activities.name": "Реестр мероприятий",
  "opendata.ds.activities.body":
    "Мероприятия по техническому сотрудничеству: государство, поставщик помощи, статус, сроки, бюджет (также в долларах США с применённым курсом), темы, задачи ЦУР и формы помощи. Выгрузки учитывают фильтры списка: поиск, государство, поставщик, статус, тема, год, форма помощи, цель в области устойчивого развития.",
  "opendata.ds.register.name": "Реестр прозрачности по государствам",
  "opendata.ds.register.body":
    "Запрошенная, предложенная и оказанная поддержка по государствам и поставщикам помощи, с количеством и суммами. Мероприятия, сведения о которых исключены из публикации, учитываются в подсчётах; количества меньше 3 не показываются. У каждой таблицы реестра есть собственные ссылки для скачивания.",
  "opendata.ds.offers.name": "Предложения помощи",
  "opendata.ds.offers.body":
    "Предложения, опубликованные на доске: поставщик помощи, государство, темы, формы помощи, языки, регионы, сроки и бюджет. Черновики и снятые с публикации предложения никогда не включаются.",
  "opendata.ds.recommendations.name": "Рекомендации",
  "opendata.ds.recommendations.body":
    "Рекомендации универсального периодического обзора и тематических перечней УВКПЧ с позициями, темами и целями в области устойчивого развития. Выгрузки учитывают поиск и фильтры страницы рекомендаций.",
  "opendata.ds.countries.name": "Страны",
  "opendata.ds.countries.body":
    "Государства и территории с кодами ISO 3166-1 и M49, регионом M49, региональной группой Организации Объединённых Наций и статусами (государство-член или наблюдатель, НРС, НВМРС, МОРАГ).",
  "opendata.ds.iati.name": "Файл мероприятий IATI",
  "opendata.ds.iati.body":
    "Все открытые мероприятия, имеющие идентификатор IATI, в одном файле мероприятий IATI 2.03. Добавьте country= с кодом ISO 3166-1 alpha-3, чтобы получить одно государство, или provider= с кратким именем поставщика помощи, чтобы получить одного поставщика.",
  "opendata.ds.iati.all": "Все мероприятия (XML IATI)",
  "opendata.ds.iati.state": "Одно государство, например Сенегал",
  "opendata.publishers": "Файлы организаций IATI",
  "opendata.publishers.body":
    "У каждого поставщика помощи с идентификатором организации IATI есть файл организации (общие расходы по годам) и собственный файл мероприятий.",
  "opendata.publishers.none": "Ни у одного поставщика помощи пока нет идентификатора организации IATI.",
  "opendata.publishers.caption": "Поставщики помощи, публикующие файлы IATI",
  "opendata.col.provider": "Поставщик помощи",
  "opendata.col.iatiRef": "Идентификатор организации IATI",
  "opendata.col.files": "Файлы",
  "opendata.publishers.organisation": "Файл организации",
  "opendata.publishers.activities": "Файл мероприятий",
  "opendata.formats": "Форматы",
  "opendata.format.csv":
    "Значения, разделённые запятыми, в кодировке UTF-8 с меткой порядка байтов, чтобы электронные таблицы правильно показывали диакритические знаки и нелатинские алфавиты. Первая строка содержит названия столбцов; списки объединяются знаком |. Ячейка, которую электронная таблица выполнила бы как формулу, начинается с апострофа.",
  "opendata.format.hxl":
    "Тот же CSV со второй строкой хештегов языка гуманитарного обмена данными (HXL 1.1), например #country+code или #value+budget+usd, которые сообщают программам, что содержится в каждом столбце, независимо от его заголовка. Теги соответствуют файлам Службы финансового мониторинга (FTS) УКГВ на HDX, поэтому файлы сочетаются с данными о гуманитарном финансировании.",
  "opendata.format.json":
    'Один объект с полями "columns" (ключ, заголовок и тег HXL каждого столбца) и "rows" — по объекту на строку с ключами столбцов. Суммы передаются десятичным текстом без округления; списки — массивами.',
  "opendata.format.iati":
    "Стандарт Международной инициативы по обеспечению транспарентности помощи. Каждый файл проверяется по официальной схеме IATI 2.03 и применимым правилам IATI (даты по порядку, проценты в сумме 100, коды из кодовых списков IATI).",
  "opendata.licences": "Лицензии и цитирование",
  "opendata.licence.published":
    "Данные, публикуемые Passerelle (мероприятия, реестр, предложения, страны в настоящей подборке): Creative Commons «Атрибуция» 4.0 Международная (CC BY 4.0). Указание авторства: «Passerelle» с датой скачивания.",
  "opendata.licence.upr":
    "Рекомендации: источник — UPR Info (upr-info.org) и Универсальный индекс по правам человека УВКПЧ; указывайте источник, приведённый в каждой строке.",
  "opendata.licence.iati": "Кодовые списки IATI: Международная инициатива по обеспечению транспарентности помощи, CC BY 4.0.",
  "opendata.licence.reference": "Справочные данные (M49, система ЦУР, темы Универсального индекса и другие): лицензия каждого источника, указанная на странице",
  "opendata.updates": "Сроки обновления",
  "opendata.updates.live": "Выгрузки формируются из базы данных в момент запроса: они всегда содержат актуальные данные, а не старую копию.",
  "opendata.updates.latest": "Последнее изменение данных: {time}.",
  "opendata.updates.none": "Данные пока не записаны.",
  "opendata.updates.iati":
    "В файле IATI для каждого мероприятия указано время последнего изменения (last-updated-datetime), а generated-datetime файла — самое позднее из них.",
  "opendata.updates.reference": "Версия и дата загрузки справочных наборов данных указаны на странице",
  "opendata.developers": "Для разработчиков",
  "opendata.dev.urls": "Адреса выгрузок постоянны: адрес страницы с добавленным к пути .csv, .hxl.csv или .json и те же параметры запроса.",
  "opendata.dev.cache":
    "Каждая выгрузка содержит ETag и Cache-Control (public, max-age=300, must-revalidate без входа в систему; private, no-cache после входа). Передайте ETag в If-None-Match: пока ничего не изменилось, ответом будет 304 Not Modified без содержимого.",
  "opendata.dev.api":
    "JSON API описан в формате OpenAPI 3.1. Анонимные запросы видят открытые данные; с Authorization: Bearer и токеном вы видите то, что разрешают ваши роли.",
  "opendata.dev.apiLink": "Описание API (OpenAPI)",
  "opendata.dev.example":
    "Пример: мероприятия в Сенегале в 2026 году, сначала крупнейший бюджет, в формате HXL; затем тот же запрос с полученным ETag, на который приходит ответ 304, пока ваша копия актуальна:",
};
const ar: OpenData = {
  "opendata.title": "البيانات المفتوحة",
  "opendata.imports.title": "ملفات IATI المستوردة",
  "opendata.imports.lead":
    "الأنشطة التي نشرتها الجهات المقدِّمة في ملفات IATI الخاصة بها واستُوردت هنا، مع ما فعله كل استيراد. لا يغيّر استيراد الملف مرة أخرى إلا ما غيّره ناشره.",
  "opendata.imports.none": "لم يُستورد أي ملف IATI بعد.",
  "opendata.imports.col.file": "الملف",
  "opendata.imports.col.version": "إصدار IATI",
  "opendata.imports.col.date": "تاريخ الاستيراد",
  "opendata.imports.col.created": "أُنشئت",
  "opendata.imports.col.updated": "حُدِّثت",
  "opendata.imports.col.unchanged": "دون تغيير",
  "opendata.imports.col.skipped": "تُركت",
  "opendata.download.label": "تنزيل:",
  "opendata.download.csv": "تنزيل {dataset} بصيغة CSV",
  "opendata.download.hxl": "تنزيل {dataset} بصيغة CSV الموسومة بوسوم HXL",
  "opendata.download.json": "تنزيل {dataset} بصيغة JSON",
  "opendata.download.about": "حول هذه الصيغ",
  "opendata.dataset.activities": "الأنشطة",
  "opendata.dataset.countries": "البلدان",
  "opendata.dataset.offers": "العروض",
  "opendata.dataset.organizations": "المنظمات",
  "opendata.dataset.requests": "طلبات المساعدة",
  "opendata.dataset.recommendations": "التوصيات",
  "opendata.fromData": "تنزيل البيانات المنشورة بصيغ CSV أو HXL أو JSON أو XML وفق IATI: البيانات المفتوحة",
  "opendata.lead":
    "يمكن تنزيل كل ما تنشره Passerelle وإعادة استخدامه والاستشهاد به: التعاون التقني المطلوب والمعروض والمقدَّم (القرار 45/32، الفقرة 8 من المنطوق)، والتوصيات التي يستجيب لها، والبيانات المرجعية التي تستخدمها. لا تتضمن الملفات إلا البيانات العامة، ولا تتضمن أبداً التفاصيل التي حجبتها دولة عن النشر.",
  "opendata.datasets": "مجموعات البيانات",
  "opendata.page": "الصفحة: {name}",
  "opendata.ds.activities.name": "سجل الأنشطة",
  "opendata.ds.activities.body":
    "أنشطة التعاون التقني: الدولة، والجهة المقدِّمة، والحالة، والتواريخ، والميزانية (بدولارات الولايات المتحدة أيضاً مع سعر الصرف المستخدم)، والمواضيع، وغايات أهداف التنمية المستدامة، وأشكال المساعدة. وتأخذ التنزيلات بعوامل تصفية القائمة: البحث، والدولة، والجهة المقدِّمة، والحالة، والموضوع، والسنة، وشكل المساعدة، وهدف التنمية المستدامة.",
  "opendata.ds.register.name": "سجل الشفافية حسب الدولة",
  "opendata.ds.register.body":
    "الدعم المطلوب والمعروض والمقدَّم، حسب الدولة وحسب الجهة المقدِّمة، مع الأعداد والمبالغ. تُحتسب الأنشطة التي حُجبت تفاصيلها؛ ولا تُعرض الأعداد التي تقل عن 3. ولكل جدول في السجل روابط تنزيل خاصة به.",
  "opendata.ds.offers.name": "عروض المساعدة",
  "opendata.ds.offers.body":
    "العروض المنشورة على اللوحة: الجهة المقدِّمة، والدولة، والمواضيع، وأشكال المساعدة، واللغات، والمناطق، والإتاحة، والميزانية. ولا تُدرج أبداً المسودات ولا العروض التي لم تعد منشورة.",
  "opendata.ds.recommendations.name": "التوصيات",
  "opendata.ds.recommendations.body":
    "توصيات الاستعراض الدوري الشامل والقوائم المواضيعية لمفوضية حقوق الإنسان، مع المواقف والمواضيع وأهداف التنمية المستدامة. وتأخذ التنزيلات بالبحث وعوامل التصفية في صفحة التوصيات.",
  "opendata.ds.countries.name": "البلدان",
  "opendata.ds.countries.body":
    "الدول والأقاليم مع رموزها وفق ISO 3166-1 وM49، ومنطقة M49، والمجموعة الإقليمية للأمم المتحدة، والتصنيفات (دولة عضو أو مراقب، أقل البلدان نمواً، البلدان النامية غير الساحلية، الدول الجزرية الصغيرة النامية).",
  "opendata.ds.iati.name": "ملف الأنشطة وفق IATI",
  "opendata.ds.iati.body":
    "جميع الأنشطة العامة التي لها معرِّف IATI، في ملف أنشطة واحد وفق IATI 2.03. أضف country= مع رمز ISO 3166-1 الثلاثي لدولة واحدة، أو provider= مع الاسم المختصر لجهة مقدِّمة واحدة.",
  "opendata.ds.iati.all": "جميع الأنشطة (XML وفق IATI)",
  "opendata.ds.iati.state": "دولة واحدة، مثل السنغال",
  "opendata.publishers": "ملفات المنظمات وفق IATI",
  "opendata.publishers.body": "لكل جهة مقدِّمة لها معرِّف منظمة وفق IATI ملفُّ منظمة (مجموع نفقاتها حسب السنة) وملفُّ أنشطة خاص بها.",
  "opendata.publishers.none": "لا توجد بعد أي جهة مقدِّمة لها معرِّف منظمة وفق IATI.",
  "opendata.publishers.caption": "الجهات المقدِّمة التي تنشر ملفات وفق IATI",
  "opendata.col.provider": "الجهة المقدِّمة",
  "opendata.col.iatiRef": "معرِّف المنظمة وفق IATI",
  "opendata.col.files": "الملفات",
  "opendata.publishers.organisation": "ملف المنظمة",
  "opendata.publishers.activities": "ملف الأنشطة",
  "opendata.formats": "الصيغ",
  "opendata.format.csv":
    "قيم مفصولة بفواصل بترميز UTF-8 مع علامة ترتيب البايتات، كي تعرض جداول البيانات الحروف المشكولة وغير اللاتينية عرضاً صحيحاً. يسمّي الصف الأول الأعمدة؛ وتُضمّ عناصر القوائم بالرمز |. وتبدأ بفاصلة عليا كل خلية قد ينفّذها برنامج الجداول كصيغة.",
  "opendata.format.hxl":
    "ملف CSV نفسه مع صف ثانٍ من الوسوم وفق لغة تبادل البيانات الإنسانية (HXL 1.1)، مثل ‎#country+code أو ‎#value+budget+usd، تُعرِّف الأدوات بمحتوى كل عمود أياً كان عنوانه. وتتبع الوسوم ما تستخدمه ملفات دائرة التتبع المالي (FTS) التابعة لمكتب تنسيق الشؤون الإنسانية على منصة HDX، لكي تُدمج الملفات مع بيانات التمويل الإنساني.",
  "opendata.format.json":
    'كائن واحد يضم "columns" (مفتاح كل عمود وعنوانه ووسمه وفق HXL) و"rows"، أي كائناً لكل صف مفاتيحه هي مفاتيح الأعمدة. وتُكتب المبالغ نصاً عشرياً دون تقريب أبداً، والقوائم مصفوفات.',
  "opendata.format.iati":
    "معيار المبادرة الدولية للشفافية في المعونة. ويُتحقَّق من كل ملف وفق المخطط الرسمي IATI 2.03 وقواعد IATI المنطبقة (تواريخ مرتَّبة، ونسب مئوية مجموعها 100، ورموز من قوائم رموز IATI).",
  "opendata.licences": "التراخيص والاستشهاد",
  "opendata.licence.published":
    "البيانات التي تنشرها Passerelle (الأنشطة والسجل والعروض والبلدان كما جُمعت هنا): رخصة المشاع الإبداعي نَسب المُصنَّف 4.0 الدولية (CC BY 4.0). النَّسب: «Passerelle» مع تاريخ التنزيل.",
  "opendata.licence.upr":
    "التوصيات: المصدر UPR Info ‏(upr-info.org) والفهرس العالمي لحقوق الإنسان التابع لمفوضية حقوق الإنسان؛ يُرجى ذكر المصدر المبيَّن في كل صف.",
  "opendata.licence.iati": "قوائم رموز IATI: المبادرة الدولية للشفافية في المعونة، CC BY 4.0.",
  "opendata.licence.reference": "البيانات المرجعية (M49، وإطار أهداف التنمية المستدامة، ومواضيع الفهرس العالمي وغيرها): رخصة كل مصدر كما هي مبيَّنة في صفحة",
  "opendata.updates": "مواعيد التحديث",
  "opendata.updates.live": "تُنشأ التنزيلات من قاعدة البيانات لحظة طلبها: فهي تتضمن دائماً البيانات الحالية، لا نسخة قديمة منها.",
  "opendata.updates.latest": "آخر تغيير في البيانات: {time}.",
  "opendata.updates.none": "لم تُسجَّل أي بيانات بعد.",
  "opendata.updates.iati": "في ملف IATI، يبيّن كل نشاط وقت آخر تغيير فيه (last-updated-datetime)، ويكون generated-datetime للملف أحدثَ هذه الأوقات.",
  "opendata.updates.reference": "تُبيَّن نسخة مجموعات البيانات المرجعية وتاريخ تحميلها في صفحة",
  "opendata.developers": "للمطوّرين",
  "opendata.dev.urls": "عناوين التنزيل ثابتة: عنوان الصفحة مع إضافة ‎.csv أو ‎.hxl.csv أو ‎.json إلى المسار، ومع الاستعلام نفسه.",
  "opendata.dev.cache":
    "يحمل كل تنزيل ETag وCache-Control ‏(public, max-age=300, must-revalidate دون تسجيل الدخول؛ وprivate, no-cache بعد تسجيل الدخول). أعد إرسال ETag في If-None-Match: فما دام لم يتغير شيء، يكون الرد 304 Not Modified دون محتوى.",
  "opendata.dev.api":
    "واجهة برمجة التطبيقات JSON موصوفة بصيغة OpenAPI 3.1. ترى الطلبات المجهولة البيانات العامة؛ ومع Authorization: Bearer ورمز مميز ترى ما تسمح به أدوارك.",
  "opendata.dev.apiLink": "وصف واجهة برمجة التطبيقات (OpenAPI)",
  "opendata.dev.example":
    "مثال: الأنشطة في السنغال في عام 2026، الميزانية الأكبر أولاً، بصيغة HXL؛ ثم الطلب نفسه مع ETag المستلَم، ويكون الرد عليه 304 ما دامت نسختك محدَّثة:",
};
const zh: OpenData = {
  "opendata.title": "开放数据",
  "opendata.imports.title": "已导入的IATI文件",
  "opendata.imports.lead": "提供方在其自己的IATI文件中发布并导入本平台的活动，以及每次导入的结果。再次导入同一文件只会更改其发布者所更改的内容。",
  "opendata.imports.none": "尚未导入任何IATI文件。",
  "opendata.imports.col.file": "文件",
  "opendata.imports.col.version": "IATI版本",
  "opendata.imports.col.date": "导入时间",
  "opendata.imports.col.created": "新建",
  "opendata.imports.col.updated": "已更新",
  "opendata.imports.col.unchanged": "未更改",
  "opendata.imports.col.skipped": "已跳过",
  "opendata.download.label": "下载：",
  "opendata.download.csv": "以 CSV 格式下载{dataset}",
  "opendata.download.hxl": "以带 HXL 标签的 CSV 格式下载{dataset}",
  "opendata.download.json": "以 JSON 格式下载{dataset}",
  "opendata.download.about": "关于这些格式",
  "opendata.dataset.activities": "活动",
  "opendata.dataset.countries": "国家",
  "opendata.dataset.offers": "援助提议",
  "opendata.dataset.organizations": "组织",
  "opendata.dataset.requests": "援助请求",
  "opendata.dataset.recommendations": "建议",
  "opendata.fromData": "以 CSV、HXL、JSON 或 IATI XML 格式下载已发布的数据：开放数据",
  "opendata.lead":
    "Passerelle 发布的所有内容均可下载、再利用和引用：所请求、提议和提供的技术合作（第45/32号决议执行部分第8段）、其所回应的建议以及所使用的参考数据。文件只包含公开数据，绝不包含国家决定不予公开的详情。",
  "opendata.datasets": "数据集",
  "opendata.page": "页面：{name}",
  "opendata.ds.activities.name": "活动登记册",
  "opendata.ds.activities.body":
    "技术合作活动：国家、提供方、状态、日期、预算（亦以美元计，并注明所用汇率）、主题、可持续发展目标具体目标和援助形式。下载文件沿用列表的筛选条件：搜索、国家、提供方、状态、主题、年份、援助形式、可持续发展目标。",
  "opendata.ds.register.name": "按国家分列的透明度登记册",
  "opendata.ds.register.body":
    "按国家和提供方分列的所请求、提议和提供的支持，附数量和金额。详情不予公开的活动计入统计；少于3的数字不予显示。登记册的每个表格都有各自的下载链接。",
  "opendata.ds.offers.name": "援助提议",
  "opendata.ds.offers.body": "在公告板上发布的援助提议：提供方、国家、主题、援助形式、语言、区域、可提供时间和预算。草稿和已不再发布的提议绝不包括在内。",
  "opendata.ds.recommendations.name": "建议",
  "opendata.ds.recommendations.body": "普遍定期审议的建议和人权高专办专题清单中的建议，附立场、主题和可持续发展目标。下载文件沿用建议页面的搜索和筛选条件。",
  "opendata.ds.countries.name": "国家",
  "opendata.ds.countries.body":
    "国家和领土，附 ISO 3166-1 和 M49 代码、M49 区域、联合国区域组和类别（会员国或观察员、最不发达国家、内陆发展中国家、小岛屿发展中国家）。",
  "opendata.ds.iati.name": "IATI 活动文件",
  "opendata.ds.iati.body":
    "所有具有 IATI 标识符的公开活动，汇总为一个 IATI 2.03 活动文件。添加 country= 和 ISO 3166-1 三字母代码可只获取一个国家，添加 provider= 和提供方简称可只获取一个提供方。",
  "opendata.ds.iati.all": "全部活动（IATI XML）",
  "opendata.ds.iati.state": "单个国家，例如塞内加尔",
  "opendata.publishers": "IATI 组织文件",
  "opendata.publishers.body": "每个具有 IATI 组织标识符的提供方都有一个组织文件（按年份列出的支出总额）和自己的活动文件。",
  "opendata.publishers.none": "目前还没有提供方具有 IATI 组织标识符。",
  "opendata.publishers.caption": "发布 IATI 文件的提供方",
  "opendata.col.provider": "提供方",
  "opendata.col.iatiRef": "IATI 组织标识符",
  "opendata.col.files": "文件",
  "opendata.publishers.organisation": "组织文件",
  "opendata.publishers.activities": "活动文件",
  "opendata.formats": "格式",
  "opendata.format.csv":
    "以逗号分隔的值，采用带字节顺序标记的 UTF-8 编码，使电子表格能正确显示带重音的文字和非拉丁文字。第一行为列名；列表以 | 连接。电子表格会当作公式执行的单元格以撇号开头。",
  "opendata.format.hxl":
    "同一个 CSV 文件，另加第二行人道主义数据交换语言（HXL 1.1）标签，例如 #country+code 或 #value+budget+usd，无论列标题为何，都能让工具识别每列的内容。标签沿用人道协调厅财务跟踪处（FTS）在 HDX 上发布的文件所用标签，因此这些文件可与人道主义资金数据结合使用。",
  "opendata.format.json":
    '一个对象，包含 "columns"（每列的键、标题和 HXL 标签）和 "rows"（每行一个对象，以列键为属性）。金额为十进制文本，从不四舍五入；列表为数组。',
  "opendata.format.iati":
    "国际援助透明度倡议的标准。每个文件都依据官方 IATI 2.03 模式和适用的 IATI 规则集进行检查（日期顺序正确、百分比合计为100、代码取自 IATI 代码表）。",
  "opendata.licences": "许可和引用",
  "opendata.licence.published":
    "Passerelle 发布的数据（此处汇编的活动、登记册、援助提议、国家）：知识共享署名 4.0 国际许可协议（CC BY 4.0）。署名：“Passerelle”，并注明下载日期。",
  "opendata.licence.upr": "建议：来源为 UPR Info（upr-info.org）和人权高专办世界人权索引；请引用每行所注明的来源。",
  "opendata.licence.iati": "IATI 代码表：国际援助透明度倡议，CC BY 4.0。",
  "opendata.licence.reference": "参考数据（M49、可持续发展目标框架、世界人权索引主题等）：各来源的许可，列于以下页面：",
  "opendata.updates": "更新时间",
  "opendata.updates.live": "下载文件在请求时根据数据库生成：始终包含最新数据，绝不是旧副本。",
  "opendata.updates.latest": "数据最近一次更改：{time}。",
  "opendata.updates.none": "尚未记录任何数据。",
  "opendata.updates.iati": "在 IATI 文件中，每项活动都注明其最近一次更改的时间（last-updated-datetime），文件的 generated-datetime 为其中最晚的时间。",
  "opendata.updates.reference": "参考数据集的版本和加载日期列于以下页面：",
  "opendata.developers": "开发者须知",
  "opendata.dev.urls": "下载地址是固定的：即页面地址的路径后加上 .csv、.hxl.csv 或 .json，查询参数相同。",
  "opendata.dev.cache":
    "每个下载都带有 ETag 和 Cache-Control（未登录时为 public, max-age=300, must-revalidate；登录后为 private, no-cache）。在 If-None-Match 中回传 ETag：只要数据未变，响应即为不含正文的 304 Not Modified。",
  "opendata.dev.api": "JSON API 以 OpenAPI 3.1 描述。匿名调用可查看公开数据；使用 Authorization: Bearer 和令牌，可查看您的角色所允许的内容。",
  "opendata.dev.apiLink": "API 说明（OpenAPI）",
  "opendata.dev.example": "示例：2026年塞内加尔的活动，按预算从高到低排列，HXL 格式；然后用收到的 ETag 再次发出相同请求，只要您的副本仍为最新，响应即为 304：",
};

export const openDataMessages: AreaCatalogs<typeof en> = { en, fr, es, ru, ar, zh };
