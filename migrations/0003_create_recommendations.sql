-- Recommendations registry (R15, R11, R23, R30). Mechanism outputs (UPR, treaty bodies, special procedures)
-- are always public (REQUIREMENTS §5.2): they carry no visibility column. Implementation assessments do.

-- Maps a BCP 47 language to the text-search configuration used for its texts (R30): the configurations exist
-- on PGlite and on PostgreSQL 15+; Chinese and others use 'simple'. IMMUTABLE so a generated column can use it.
CREATE FUNCTION passerelle_ts_config(lang text) RETURNS regconfig LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE lang
    WHEN 'en' THEN 'english'::regconfig
    WHEN 'fr' THEN 'french'::regconfig
    WHEN 'es' THEN 'spanish'::regconfig
    WHEN 'ru' THEN 'russian'::regconfig
    WHEN 'ar' THEN 'arabic'::regconfig
    ELSE 'simple'::regconfig
  END
$$;

CREATE TABLE recommendations (
  id text PRIMARY KEY,                       -- stable across re-imports: '<source>:<source's own id>'
  mechanism text NOT NULL CHECK (mechanism IN ('upr', 'treaty_body', 'special_procedure')),
  source_dataset text NOT NULL,              -- 'upr-info', 'uhri'
  cycle integer,
  session integer,
  state_iso3 char(3) NOT NULL REFERENCES countries (iso3),
  state_name_as_given text NOT NULL,
  paragraph text,                            -- e.g. '115.23'
  document_symbol text,                      -- e.g. 'A/HRC/28/15'
  text text NOT NULL,
  text_lang text NOT NULL,
  action_category smallint CHECK (action_category BETWEEN 1 AND 5),   -- UPR Info's 1 (minimal) … 5 (specific)
  -- The current position, denormalized from recommendation_positions for search and facets.
  position text NOT NULL CHECK (position IN ('supported', 'noted', 'partially_supported', 'unclear', 'pending')),
  position_word text,                        -- the source's own word ('Accepted', 'Supported', 'Noted' …)
  -- Facet values as arrays on the row: one index-friendly place for search filters and counts.
  recommending_iso3s text[] NOT NULL DEFAULT '{}',
  recommending_groups text[] NOT NULL DEFAULT '{}',
  theme_codes text[] NOT NULL DEFAULT '{}',  -- UHRI level-2 codes (from the source or mapped from UPR Info issues)
  issues text[] NOT NULL DEFAULT '{}',       -- UPR Info issue labels as given
  persons text[] NOT NULL DEFAULT '{}',      -- uhri-persons codes
  sdg_goals integer[] NOT NULL DEFAULT '{}',
  sdg_targets text[] NOT NULL DEFAULT '{}',
  year integer,
  content_hash text NOT NULL,                -- of the imported content: an unchanged row is not rewritten
  imported_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  search tsvector GENERATED ALWAYS AS (to_tsvector(passerelle_ts_config(text_lang), text)) STORED
);
CREATE INDEX recommendations_search ON recommendations USING gin (search);
CREATE INDEX recommendations_state ON recommendations (state_iso3, cycle);
CREATE INDEX recommendations_session ON recommendations (session);
CREATE INDEX recommendations_recommending ON recommendations USING gin (recommending_iso3s);
CREATE INDEX recommendations_themes ON recommendations USING gin (theme_codes);
CREATE INDEX recommendations_issues ON recommendations USING gin (issues);
CREATE INDEX recommendations_sdg_goals ON recommendations USING gin (sdg_goals);
CREATE INDEX recommendations_persons ON recommendations USING gin (persons);

-- Every recommending State with the name the source used (group statements and unknown names kept as given).
CREATE TABLE recommendation_sources (
  recommendation_id text NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
  ordinal smallint NOT NULL,
  iso3 char(3) REFERENCES countries (iso3),
  name_as_given text NOT NULL,
  regional_group_as_given text,
  PRIMARY KEY (recommendation_id, ordinal)
);

-- Position history: append-only, never coerced (R15). "Accepted" in older data is stored as supported with its word.
CREATE TABLE recommendation_positions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  recommendation_id text NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
  position text NOT NULL CHECK (position IN ('supported', 'noted', 'partially_supported', 'unclear', 'pending')),
  position_word text,
  source_document text,
  source_dataset text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recommendation_positions_rec ON recommendation_positions (recommendation_id, id);

-- Themes as the source gave them (code and label), with provenance: 'source' (in the file), 'mapping' (derived
-- through theme_mappings), later 'algorithm' and 'human' for automatic tagging.
CREATE TABLE recommendation_themes (
  recommendation_id text NOT NULL REFERENCES recommendations (id) ON DELETE CASCADE,
  scheme text NOT NULL CHECK (scheme IN ('uhri', 'upr-info')),
  code text,
  label text NOT NULL,
  provenance text NOT NULL CHECK (provenance IN ('source', 'mapping', 'algorithm', 'human')),
  PRIMARY KEY (recommendation_id, scheme, label)
);

-- UPR Info issue → UHRI level-2 theme (R15: "a mapping table between the two taxonomies").
CREATE TABLE theme_mappings (
  upr_info_issue text NOT NULL,
  uhri_code text NOT NULL,
  note text,
  PRIMARY KEY (upr_info_issue, uhri_code)
);

-- Implementation assessments: one per source and date, never merged into one truth (R15). Civil-society and NHRI
-- assessments carry a visibility chosen by their author; the State never sees an author it was not meant to (R31).
CREATE TABLE implementation_assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  recommendation_id text NOT NULL REFERENCES recommendations (id),
  assessor_type text NOT NULL CHECK (assessor_type IN ('state', 'nhri', 'cso', 'ohchr')),
  organization_id uuid NOT NULL REFERENCES organizations (id),
  author_user_id uuid REFERENCES users (id),
  status text NOT NULL CHECK (status IN ('not_started', 'in_progress', 'partially_implemented', 'implemented', 'not_implemented', 'unknown')),
  evidence text NOT NULL,
  assessed_on date NOT NULL,
  text_lang text NOT NULL DEFAULT 'en',
  visibility visibility NOT NULL DEFAULT 'public',
  state_iso3 char(3) NOT NULL REFERENCES countries (iso3),
  show_author boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX implementation_assessments_rec ON implementation_assessments (recommendation_id, assessed_on);

CREATE TABLE voluntary_pledges (
  id text PRIMARY KEY,
  source_dataset text NOT NULL,
  cycle integer,
  session integer,
  state_iso3 char(3) NOT NULL REFERENCES countries (iso3),
  text text NOT NULL,
  text_lang text NOT NULL,
  pledge_type text,
  action_category smallint,
  issues text[] NOT NULL DEFAULT '{}',
  content_hash text NOT NULL,
  search tsvector GENERATED ALWAYS AS (to_tsvector(passerelle_ts_config(text_lang), text)) STORED
);
CREATE INDEX voluntary_pledges_state ON voluntary_pledges (state_iso3);

-- Facet counts over the whole registry, refreshed after each import: the unfiltered portal view must not
-- GROUP BY 250,000 rows on every visit (DESIGN.md: precompute the portal's big facet counts).
CREATE TABLE recommendation_facet_counts (
  facet text NOT NULL,
  value text NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (facet, value)
);
