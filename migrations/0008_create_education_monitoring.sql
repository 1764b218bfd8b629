-- Right to education monitoring (res. 45/32 PP9–PP11; R25, R26, R27): school-closure observations from UNESCO,
-- OxCGRT and national sources, kept per source release so that two releases of the same source coexist and can be
-- compared (UNESCO revised past statuses between releases); national monitoring mechanisms; education indicator
-- series entered by State or UN users.

-- ---- School closures (R25) ----

-- One imported file. The same bytes imported twice are the same release (sha256), so an import is idempotent.
CREATE TABLE closure_releases (
  id serial PRIMARY KEY,
  source text NOT NULL CHECK (source IN ('unesco', 'oxcgrt', 'national')),
  scale text NOT NULL CHECK (scale IN ('unesco_status', 'unesco_scale', 'oxcgrt_c1')),
  publisher text NOT NULL,               -- 'UNESCO', 'Oxford COVID-19 Government Response Tracker', a ministry …
  label text NOT NULL,                   -- 'UNESCO daily, 16 Feb 2020 – 15 Feb 2021'
  file_name text NOT NULL,
  sha256 char(64) NOT NULL UNIQUE,
  licence text NOT NULL DEFAULT '',
  coverage_from date NOT NULL,
  coverage_to date NOT NULL,
  rows_read integer NOT NULL,
  rows_stored integer NOT NULL,
  rows_skipped integer NOT NULL,
  report jsonb NOT NULL DEFAULT '[]',    -- warnings kept with the release: [{line, field, message}] (grouped)
  imported_by uuid REFERENCES users (id),
  imported_at timestamptz NOT NULL DEFAULT now(),
  CHECK (coverage_to >= coverage_from)
);

-- The words of each scale, with how a status compares across scales (NULL: not comparable, e.g. an academic break).
CREATE TABLE closure_statuses (
  scale text NOT NULL,
  code smallint NOT NULL,
  word text NOT NULL,
  comparable text CHECK (comparable IN ('open', 'partial', 'closed')),
  PRIMARY KEY (scale, code),
  UNIQUE (scale, word)
);

INSERT INTO closure_statuses (scale, code, word, comparable) VALUES
  ('unesco_status', 0, 'Fully open', 'open'),
  ('unesco_status', 1, 'Partially open', 'partial'),
  ('unesco_status', 2, 'Closed due to COVID-19', 'closed'),
  ('unesco_status', 3, 'Academic break', NULL),
  -- The older UNESCO release measured the geographic extent of a closure, not openness.
  ('unesco_scale', 0, 'Open', 'open'),
  ('unesco_scale', 1, 'Localized', 'partial'),
  ('unesco_scale', 2, 'National', 'closed'),
  -- OxCGRT C1: 0 no measures, 1 recommend closing (schools open), 2 require closing some levels, 3 require all levels.
  ('oxcgrt_c1', 0, '0', 'open'),
  ('oxcgrt_c1', 1, '1', 'open'),
  ('oxcgrt_c1', 2, '2', 'partial'),
  ('oxcgrt_c1', 3, '3', 'closed');

CREATE TABLE closure_notes (
  id serial PRIMARY KEY,
  text text NOT NULL UNIQUE
);

-- One value per release, country, sub-national unit, ISCED level and day: the primary key is the duplicate rule.
CREATE TABLE closure_observations (
  release_id integer NOT NULL REFERENCES closure_releases (id) ON DELETE CASCADE,
  iso3 char(3) NOT NULL REFERENCES countries (iso3),
  unit text NOT NULL DEFAULT '',         -- sub-national unit code; '' = the whole country
  isced text NOT NULL DEFAULT '',        -- ISCED 2011 level ('0'…'3', '0-3' …); '' = all levels or not given
  day date NOT NULL,
  status smallint NOT NULL,              -- code in closure_statuses for the release's scale
  c1_flag smallint CHECK (c1_flag IN (0, 1)),   -- OxCGRT: 0 targeted, 1 general
  learners_female bigint CHECK (learners_female >= 0),
  learners_male bigint CHECK (learners_male >= 0),
  learners_total bigint CHECK (learners_total >= 0),
  remote_modalities text[],              -- R24 distance-learning modality codes; NULL = not given
  note_id integer REFERENCES closure_notes (id),
  source_line integer NOT NULL,
  PRIMARY KEY (release_id, iso3, unit, isced, day)
);
CREATE INDEX closure_observations_country ON closure_observations (iso3, day);

-- The same observations as runs of consecutive days with one status: what timelines and day counts read.
CREATE TABLE closure_periods (
  release_id integer NOT NULL REFERENCES closure_releases (id) ON DELETE CASCADE,
  iso3 char(3) NOT NULL REFERENCES countries (iso3),
  unit text NOT NULL DEFAULT '',
  isced text NOT NULL DEFAULT '',
  first_day date NOT NULL,
  last_day date NOT NULL,
  status smallint NOT NULL,
  c1_flag smallint,
  note_id integer REFERENCES closure_notes (id),
  PRIMARY KEY (release_id, iso3, unit, isced, first_day),
  CHECK (last_day >= first_day)
);
CREATE INDEX closure_periods_country ON closure_periods (iso3, first_day);

-- Countries and learners per day and status for each group of countries that the global view filters on (M49 region,
-- UN regional group, LDC, SIDS), national rows only; filled when a release is imported.
CREATE TABLE closure_daily_counts (
  release_id integer NOT NULL REFERENCES closure_releases (id) ON DELETE CASCADE,
  day date NOT NULL,
  status smallint NOT NULL,
  region_code text NOT NULL,             -- '' when the country has no M49 region
  regional_group text NOT NULL,          -- '' when none
  ldc boolean NOT NULL,
  sids boolean NOT NULL,
  countries integer NOT NULL,
  learners_total bigint,                 -- sum over the countries that gave a number
  learners_countries integer NOT NULL,   -- how many of them gave one
  PRIMARY KEY (release_id, day, status, region_code, regional_group, ldc, sids)
);

-- ---- National monitoring mechanisms (PP10; R25, R26) ----

CREATE TABLE monitoring_mechanisms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  state_iso3 char(3) NOT NULL REFERENCES countries (iso3),
  name text NOT NULL,
  kind text NOT NULL,                    -- vocabulary in the domain: ministry, statistics office, NHRI, …
  lead_institution text NOT NULL DEFAULT '',
  monitors text[] NOT NULL DEFAULT '{}', -- what it monitors: closures, attendance, learning, dropout …
  frequency text NOT NULL,               -- continuous, monthly, quarterly, yearly, ad hoc
  description text NOT NULL DEFAULT '',
  url text,
  -- Participation of children and adolescents (R26): aggregates only, never a child's personal data.
  children_participation text NOT NULL DEFAULT 'none',
  consultations_count integer CHECK (consultations_count >= 0),
  children_consulted integer CHECK (children_consulted >= 0),
  girls_consulted integer CHECK (girls_consulted >= 0),
  age_bands text[] NOT NULL DEFAULT '{}',
  safeguards text NOT NULL DEFAULT '',
  key_messages text NOT NULL DEFAULT '',
  sdg_targets text[] NOT NULL DEFAULT '{}',
  text_lang text NOT NULL DEFAULT 'en',
  visibility visibility NOT NULL DEFAULT 'public',
  organization_id uuid NOT NULL REFERENCES organizations (id),      -- originator
  created_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (girls_consulted IS NULL OR children_consulted IS NULL OR girls_consulted <= children_consulted)
);
CREATE INDEX monitoring_mechanisms_state ON monitoring_mechanisms (state_iso3);

-- An education indicator followed for a State (SDG 4 or national), with its baseline, and values by sex (R27).
CREATE TABLE education_indicator_series (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  state_iso3 char(3) NOT NULL REFERENCES countries (iso3),
  mechanism_id uuid REFERENCES monitoring_mechanisms (id) ON DELETE SET NULL,
  title text NOT NULL,
  sdg_indicator text,                    -- e.g. '4.1.1'; NULL for a national indicator
  unit text NOT NULL,                    -- percent, number, ratio, index
  source text NOT NULL DEFAULT '',
  baseline_year integer CHECK (baseline_year BETWEEN 1950 AND 2100),
  baseline_value numeric,
  target_year integer CHECK (target_year BETWEEN 1950 AND 2100),
  target_value numeric,
  text_lang text NOT NULL DEFAULT 'en',
  visibility visibility NOT NULL DEFAULT 'public',
  organization_id uuid NOT NULL REFERENCES organizations (id),
  created_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX education_indicator_series_state ON education_indicator_series (state_iso3);

CREATE TABLE education_indicator_values (
  series_id uuid NOT NULL REFERENCES education_indicator_series (id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 1950 AND 2100),
  sex text NOT NULL CHECK (sex IN ('total', 'female', 'male')),
  value numeric NOT NULL,
  note text NOT NULL DEFAULT '',
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (series_id, year, sex)
);
