-- Reference data (R34): every taxonomy is data with a version and validity dates, never code.

CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL
);

-- One row per loaded source file set, so a page can cite what it shows and an operator can see what is loaded.
CREATE TABLE reference_datasets (
  id text PRIMARY KEY,
  title text NOT NULL,
  version text NOT NULL,
  source text NOT NULL,
  licence text NOT NULL,
  content_sha256 text NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE languages (
  code text PRIMARY KEY,                 -- BCP 47 / ISO 639-1
  name_en text NOT NULL,
  name_fr text,
  native_name text,
  un_official boolean NOT NULL DEFAULT false,
  direction text NOT NULL DEFAULT 'ltr' CHECK (direction IN ('ltr', 'rtl'))
);

CREATE TABLE regional_groups (
  code text PRIMARY KEY,                 -- AFG, APG, EEG, GRULAC, WEOG
  name_en text NOT NULL,
  name_fr text NOT NULL
);

CREATE TABLE countries (
  iso3 char(3) PRIMARY KEY,
  iso2 char(2) UNIQUE,
  m49 char(3) NOT NULL UNIQUE,
  name_en text NOT NULL,                 -- UNSD M49 English short name
  region_code char(3),
  region_name text,
  subregion_code char(3),
  subregion_name text,
  intermediate_region_code char(3),
  intermediate_region_name text,
  regional_group text REFERENCES regional_groups (code),
  regional_group_note text,              -- e.g. a State that sits in two groups for electoral purposes
  dataset_id text NOT NULL REFERENCES reference_datasets (id)
);

-- Status that changes over time (LDC graduation, SIDS list, UN membership): a row per period (R34, R28).
-- valid_from NULL means "at least since the dataset's version date, start unknown".
CREATE TABLE country_designations (
  iso3 char(3) NOT NULL REFERENCES countries (iso3),
  designation text NOT NULL CHECK (designation IN ('un_member', 'un_observer', 'ldc', 'lldc', 'sids')),
  valid_from date,
  valid_to date,
  source text NOT NULL,
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to > valid_from)
);
CREATE UNIQUE INDEX country_designations_period ON country_designations (iso3, designation, coalesce(valid_from, '-infinity'::date));

-- Names per language and over time; kind 'alias' keeps the variants other sources use (UPR Info, OHCHR lists).
CREATE TABLE country_names (
  iso3 char(3) NOT NULL REFERENCES countries (iso3),
  lang text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('short', 'alias')),
  name text NOT NULL,
  normalized text NOT NULL,              -- lower case, no diacritics: for matching names from imported files
  source text NOT NULL,
  official boolean NOT NULL,             -- false: not a UNTERM-curated name (e.g. CLDR), shown as such
  valid_from date,
  valid_to date
);
CREATE UNIQUE INDEX country_names_unique ON country_names (iso3, lang, kind, name);
CREATE INDEX country_names_normalized ON country_names (normalized);

CREATE TABLE taxonomies (
  id text PRIMARY KEY,                   -- 'sdg-goal', 'uhri-theme', 'iati:ActivityStatus', ...
  title text NOT NULL,
  version text NOT NULL,
  source text NOT NULL,
  licence text NOT NULL
);

CREATE TABLE taxonomy_terms (
  taxonomy_id text NOT NULL REFERENCES taxonomies (id),
  code text NOT NULL,
  parent_code text,
  sort_key integer NOT NULL,
  labels jsonb NOT NULL,                 -- {"en": "...", "fr": "..."}: only languages the source gives
  descriptions jsonb NOT NULL DEFAULT '{}'::jsonb,
  attributes jsonb NOT NULL DEFAULT '{}'::jsonb,
  valid_from date NOT NULL,
  valid_to date,                         -- set when a new version of the taxonomy drops the term
  PRIMARY KEY (taxonomy_id, code)
);
CREATE INDEX taxonomy_terms_parent ON taxonomy_terms (taxonomy_id, parent_code);

CREATE TABLE upr_cycles (
  cycle integer PRIMARY KEY,
  first_session integer NOT NULL,
  last_session integer NOT NULL,
  CHECK (last_session >= first_session)
);

CREATE TABLE upr_sessions (
  session integer PRIMARY KEY,
  cycle integer NOT NULL REFERENCES upr_cycles (cycle),
  year integer NOT NULL
);
