-- Technical cooperation (res. 45/32 OP2, OP3, OP5, OP8, OP9): State profiles, assistance requests, provider offers,
-- matching pairings, consent, activities (IATI-aligned) and their results. Vocabulary codes are checked in the domain
-- (Zod enums, domain/cooperation/vocabularies.ts); the database keeps them as text so a new code needs no migration,
-- except where a code is a status that rules depend on.

-- ---- State profile (R2): needs, ranked priorities, challenges, achievements, good practices, contacts ----
CREATE TABLE state_profile_entries (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  state_iso3 char(3) NOT NULL REFERENCES countries (iso3),
  kind text NOT NULL CHECK (kind IN ('need', 'challenge', 'achievement', 'good_practice')),
  priority_rank integer CHECK (priority_rank BETWEEN 1 AND 99),    -- needs only: the State's own order
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'being_addressed', 'met')),
  themes text[] NOT NULL DEFAULT '{}',           -- UHRI level-2 codes
  sdg_targets text[] NOT NULL DEFAULT '{}',
  recommendation_ids text[] NOT NULL DEFAULT '{}',
  text_lang text NOT NULL DEFAULT 'en',
  visibility visibility NOT NULL DEFAULT 'public',
  organization_id uuid NOT NULL REFERENCES organizations (id),      -- the State body that wrote it (originator)
  created_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,            -- optimistic locking: a stale form is refused, never overwrites
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX state_profile_entries_state ON state_profile_entries (state_iso3, kind);
-- A priority rank belongs to one open need of the State at a time (R2); the service moves others down to free it.
CREATE UNIQUE INDEX state_profile_entries_open_rank ON state_profile_entries (state_iso3, priority_rank)
  WHERE kind = 'need' AND status <> 'met' AND priority_rank IS NOT NULL;

CREATE TABLE state_contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  state_iso3 char(3) NOT NULL REFERENCES countries (iso3),
  kind text NOT NULL CHECK (kind IN ('focal_point', 'nmirf', 'counterpart')),
  name text NOT NULL,
  function_title text NOT NULL DEFAULT '',
  institution text NOT NULL DEFAULT '',
  email text,
  phone text,
  visibility visibility NOT NULL DEFAULT 'state_and_un',
  organization_id uuid NOT NULL REFERENCES organizations (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX state_contacts_state ON state_contacts (state_iso3);

-- ---- Assistance requests (R12, R13; res. 45/32 OP8) ----
CREATE SEQUENCE assistance_request_numbers;

CREATE TABLE assistance_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text UNIQUE,                         -- given on submission, e.g. 'TA-SEN-2026-0007'
  state_iso3 char(3) NOT NULL REFERENCES countries (iso3),
  organization_id uuid NOT NULL REFERENCES organizations (id),      -- requesting State body (originator)
  created_by uuid REFERENCES users (id),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN (
    'draft', 'submitted', 'acknowledged', 'under_assessment', 'offer_made', 'agreed', 'converted_to_activity',
    'referred', 'declined', 'withdrawn')),
  status_reason text,                            -- required for declined / referred / withdrawn
  title text NOT NULL,
  needs_statement text NOT NULL DEFAULT '',
  objectives text NOT NULL DEFAULT '',
  priority_rank integer CHECK (priority_rank BETWEEN 1 AND 99),
  channel_reference text,                        -- e.g. the note verbale's reference
  treaty_articles text[] NOT NULL DEFAULT '{}',  -- 'CRC art. 28', 'ICESCR art. 13'
  themes text[] NOT NULL DEFAULT '{}',
  persons text[] NOT NULL DEFAULT '{}',
  sdg_targets text[] NOT NULL DEFAULT '{}',
  isced_levels text[] NOT NULL DEFAULT '{}',
  modalities text[] NOT NULL DEFAULT '{}',
  continuity_needs text[] NOT NULL DEFAULT '{}', -- R24 vocabulary
  covid_context boolean NOT NULL DEFAULT false,
  covid_phase text CHECK (covid_phase IN ('response', 'recovery')),
  timeframe_start date,
  timeframe_end date,
  working_languages text[] NOT NULL DEFAULT '{}',
  budget_amount numeric(18, 2) CHECK (budget_amount >= 0),
  budget_currency char(3),
  fund_requested text,
  text_lang text NOT NULL DEFAULT 'en',
  -- Private to its State until submitted; then shared with the State and UN providers unless the State publishes it.
  visibility visibility NOT NULL DEFAULT 'state_and_un',
  submitted_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (timeframe_end IS NULL OR timeframe_start IS NULL OR timeframe_end >= timeframe_start),
  CHECK ((budget_amount IS NULL) = (budget_currency IS NULL))
);
CREATE INDEX assistance_requests_state ON assistance_requests (state_iso3, status);

-- The providers a request is addressed to (OHCHR, UNESCO, a State, a regional organization).
-- A provider that declines while others remain addressed steps back alone (declined_at); the request stays open for
-- the others and is declined as a whole only when the last one declines.
CREATE TABLE assistance_request_providers (
  request_id uuid NOT NULL REFERENCES assistance_requests (id),
  organization_id uuid NOT NULL REFERENCES organizations (id),
  declined_at timestamptz,
  decline_reason text,
  PRIMARY KEY (request_id, organization_id),
  CHECK ((declined_at IS NULL) = (decline_reason IS NULL))
);
CREATE INDEX assistance_request_providers_org ON assistance_request_providers (organization_id);

-- Legal basis: recommendations of the State's own reviews; the position at the time of linking is kept, and a "noted"
-- one is allowed but flagged (R12 check).
CREATE TABLE assistance_request_recommendations (
  request_id uuid NOT NULL REFERENCES assistance_requests (id),
  recommendation_id text NOT NULL REFERENCES recommendations (id),
  position_at_link text NOT NULL,
  PRIMARY KEY (request_id, recommendation_id)
);

CREATE TABLE assistance_request_pledges (
  request_id uuid NOT NULL REFERENCES assistance_requests (id),
  pledge_id text NOT NULL REFERENCES voluntary_pledges (id),
  PRIMARY KEY (request_id, pledge_id)
);

-- Every status change, for the timeline and the response-time figures per provider (R13).
CREATE TABLE assistance_request_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES assistance_requests (id),
  from_status text,
  to_status text NOT NULL,
  reason text,
  actor_user_id uuid REFERENCES users (id),
  actor_organization_id uuid REFERENCES organizations (id),
  occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assistance_request_events_request ON assistance_request_events (request_id, id);

-- ---- Providers and offers (R29, R6, R24) ----
CREATE TABLE provider_profiles (
  organization_id uuid PRIMARY KEY REFERENCES organizations (id),
  summary text NOT NULL DEFAULT '',
  themes text[] NOT NULL DEFAULT '{}',
  sdg_targets text[] NOT NULL DEFAULT '{}',
  modalities text[] NOT NULL DEFAULT '{}',
  cooperation_types text[] NOT NULL DEFAULT '{}',
  languages text[] NOT NULL DEFAULT '{}',
  regions text[] NOT NULL DEFAULT '{}',          -- M49 region codes or 'world'
  continuity_needs text[] NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE offers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id),      -- the provider (originator)
  request_id uuid REFERENCES assistance_requests (id),             -- set when the offer answers a request
  state_iso3 char(3) REFERENCES countries (iso3),                  -- the State addressed, when there is one
  created_by uuid REFERENCES users (id),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'accepted', 'declined', 'withdrawn', 'closed')),
  status_reason text,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  themes text[] NOT NULL DEFAULT '{}',
  sdg_targets text[] NOT NULL DEFAULT '{}',
  persons text[] NOT NULL DEFAULT '{}',
  isced_levels text[] NOT NULL DEFAULT '{}',
  modalities text[] NOT NULL DEFAULT '{}',
  continuity_needs text[] NOT NULL DEFAULT '{}',
  cooperation_type text NOT NULL,
  languages text[] NOT NULL DEFAULT '{}',
  regions text[] NOT NULL DEFAULT '{}',
  capacity text NOT NULL DEFAULT '',
  available_from date,
  available_to date,
  budget_amount numeric(18, 2) CHECK (budget_amount >= 0),
  budget_currency char(3),
  fund_source text,
  technology_transfer_terms text,                -- "terms mutually agreed" (R24): licence, cost, IP
  text_lang text NOT NULL DEFAULT 'en',
  visibility visibility NOT NULL DEFAULT 'public',
  published_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (available_to IS NULL OR available_from IS NULL OR available_to >= available_from),
  CHECK ((budget_amount IS NULL) = (budget_currency IS NULL))
);
CREATE INDEX offers_request ON offers (request_id);
CREATE INDEX offers_org ON offers (organization_id, status);

-- A request and an offer brought together (forum pairing, R29), with milestones and the one-year follow-up report.
CREATE TABLE pairings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES assistance_requests (id),
  offer_id uuid NOT NULL REFERENCES offers (id),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'closed')),
  match_score numeric(5, 2),
  match_explanation jsonb NOT NULL DEFAULT '[]',
  follow_up_due date NOT NULL,
  follow_up_report text,
  follow_up_submitted_at timestamptz,
  created_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (request_id, offer_id)
);

CREATE TABLE pairing_milestones (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  pairing_id uuid NOT NULL REFERENCES pairings (id),
  title text NOT NULL,
  due_on date,
  done_on date,
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pairing_milestones_pairing ON pairing_milestones (pairing_id);

-- ---- Activities (R4, R5, R7, R8), aligned with IATI 2.03 so the transparency issue can publish them ----
CREATE TABLE activities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  iati_identifier text UNIQUE,                   -- '<reporting-org ref>-<local id>'
  organization_id uuid NOT NULL REFERENCES organizations (id),      -- reporting provider (originator)
  state_iso3 char(3) NOT NULL REFERENCES countries (iso3),         -- recipient country
  offer_id uuid REFERENCES offers (id),
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  -- IATI ActivityStatus: 1 pipeline/identification, 2 implementation, 3 finalisation, 4 closed, 5 cancelled, 6 suspended.
  status smallint NOT NULL DEFAULT 1 CHECK (status BETWEEN 1 AND 6),
  planned_start date,
  planned_end date,
  actual_start date,
  actual_end date,
  default_currency char(3) NOT NULL DEFAULT 'USD',
  budget_amount numeric(18, 2) CHECK (budget_amount >= 0),
  fund text,
  dac_sectors text[] NOT NULL DEFAULT '{}',      -- DAC 5-digit purpose codes, e.g. 15160 human rights
  sdg_targets text[] NOT NULL DEFAULT '{}',
  themes text[] NOT NULL DEFAULT '{}',
  persons text[] NOT NULL DEFAULT '{}',
  modalities text[] NOT NULL DEFAULT '{}',
  cooperation_type text,
  covid_context boolean NOT NULL DEFAULT false,
  covid_phase text CHECK (covid_phase IN ('response', 'recovery')),
  -- IATI policy markers: 1 gender equality, 11 disability (significance 0 not targeted, 1 significant, 2 principal)
  gender_marker smallint CHECK (gender_marker BETWEEN 0 AND 2),
  disability_marker smallint CHECK (disability_marker BETWEEN 0 AND 2),
  text_lang text NOT NULL DEFAULT 'en',
  visibility visibility NOT NULL DEFAULT 'public',
  -- A State may withhold an activity's details with a recorded reason; it still counts in aggregates (DESIGN.md).
  details_withheld boolean NOT NULL DEFAULT false,
  withheld_reason text,
  created_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start),
  CHECK (actual_end IS NULL OR actual_start IS NULL OR actual_end >= actual_start),
  CHECK (NOT details_withheld OR withheld_reason IS NOT NULL)
);
CREATE INDEX activities_state ON activities (state_iso3, status);
CREATE INDEX activities_org ON activities (organization_id);
-- One activity per accepted offer: the service refuses a second one with a clear message; the index closes the race.
CREATE UNIQUE INDEX activities_offer ON activities (offer_id) WHERE offer_id IS NOT NULL;

CREATE TABLE activity_requests (
  activity_id uuid NOT NULL REFERENCES activities (id),
  request_id uuid NOT NULL REFERENCES assistance_requests (id),
  PRIMARY KEY (activity_id, request_id)
);
CREATE INDEX activity_requests_request ON activity_requests (request_id);

CREATE TABLE activity_recommendations (
  activity_id uuid NOT NULL REFERENCES activities (id),
  recommendation_id text NOT NULL REFERENCES recommendations (id),
  PRIMARY KEY (activity_id, recommendation_id)
);
CREATE INDEX activity_recommendations_rec ON activity_recommendations (recommendation_id);

-- IATI participating-org: role 1 funding, 2 accountable, 3 extending, 4 implementing.
CREATE TABLE activity_participants (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  activity_id uuid NOT NULL REFERENCES activities (id),
  organization_id uuid REFERENCES organizations (id),
  name text NOT NULL,
  iati_ref text,
  org_type text,                                 -- IATI OrganisationType code
  role smallint NOT NULL CHECK (role BETWEEN 1 AND 4)
);
CREATE INDEX activity_participants_activity ON activity_participants (activity_id);
CREATE INDEX activity_participants_org ON activity_participants (organization_id);

-- IATI TransactionType: 1 incoming funds, 2 outgoing commitment, 3 disbursement, 4 expenditure, … (codelist).
CREATE TABLE activity_transactions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  activity_id uuid NOT NULL REFERENCES activities (id),
  transaction_type smallint NOT NULL CHECK (transaction_type BETWEEN 1 AND 13),
  transaction_date date NOT NULL,
  value_date date,
  amount numeric(18, 2) NOT NULL CHECK (amount >= 0),
  currency char(3) NOT NULL,
  description text NOT NULL DEFAULT '',
  provider_name text,
  receiver_name text,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activity_transactions_activity ON activity_transactions (activity_id, transaction_date);

-- IATI result: type 1 output, 2 outcome, 3 impact; indicators with baseline, target and actual values per period,
-- disaggregated by sex, age, disability and location (R5, R27).
CREATE TABLE activity_results (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  activity_id uuid NOT NULL REFERENCES activities (id),
  result_type smallint NOT NULL CHECK (result_type IN (1, 2, 3, 9)),
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activity_results_activity ON activity_results (activity_id);

CREATE TABLE result_indicators (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  result_id uuid NOT NULL REFERENCES activity_results (id),
  title text NOT NULL,
  measure smallint NOT NULL DEFAULT 1 CHECK (measure BETWEEN 1 AND 5),   -- IATI IndicatorMeasure: 1 unit, 2 percentage, …
  ascending boolean NOT NULL DEFAULT true,
  baseline_year integer,
  baseline_value numeric(18, 2),
  target_value numeric(18, 2),
  target_date date,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX result_indicators_result ON result_indicators (result_id);

CREATE TABLE indicator_values (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  indicator_id uuid NOT NULL REFERENCES result_indicators (id),
  period_start date NOT NULL,
  period_end date NOT NULL,
  value numeric(18, 2) NOT NULL,
  -- Disaggregation dimensions; 'total' is the undisaggregated value.
  sex text NOT NULL DEFAULT 'total' CHECK (sex IN ('total', 'female', 'male', 'other')),
  age_band text NOT NULL DEFAULT 'total',
  disability text NOT NULL DEFAULT 'total' CHECK (disability IN ('total', 'with_disability', 'without_disability')),
  location text NOT NULL DEFAULT 'total',
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (period_end >= period_start)
);
CREATE INDEX indicator_values_indicator ON indicator_values (indicator_id, period_start);

CREATE TABLE activity_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  activity_id uuid NOT NULL REFERENCES activities (id),
  title text NOT NULL,
  url text NOT NULL,
  category text NOT NULL,                        -- IATI DocumentCategory, e.g. A01 pre- and post-project impact appraisal
  language text NOT NULL DEFAULT 'en',
  document_date date,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activity_documents_activity ON activity_documents (activity_id);

CREATE TABLE activity_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  activity_id uuid NOT NULL REFERENCES activities (id),
  from_status smallint,
  to_status smallint NOT NULL,
  reason text,
  actor_user_id uuid REFERENCES users (id),
  occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activity_events_activity ON activity_events (activity_id, id);

-- National actors consulted or taking part (R8, OP5), by type; a name is shown only with the actor's consent.
CREATE TABLE national_actors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid REFERENCES assistance_requests (id),
  activity_id uuid REFERENCES activities (id),
  actor_type text NOT NULL,
  involvement text NOT NULL,
  name text,
  name_consented boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((request_id IS NULL) <> (activity_id IS NULL))
);
CREATE INDEX national_actors_request ON national_actors (request_id);
CREATE INDEX national_actors_activity ON national_actors (activity_id);

-- ---- Consent (R3; res. 45/32 OP2: "in consultation with, and with the consent of, the States concerned") ----
CREATE TABLE consents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  activity_id uuid NOT NULL REFERENCES activities (id),
  state_iso3 char(3) NOT NULL REFERENCES countries (iso3),
  organization_id uuid NOT NULL REFERENCES organizations (id),      -- the State body that consented
  granted_by_user uuid REFERENCES users (id),
  granted_by_name text NOT NULL,                 -- the authorised representative, as recorded
  channel text NOT NULL CHECK (channel IN ('note_verbale', 'letter', 'e_signature', 'meeting_record', 'other')),
  channel_reference text NOT NULL,
  scope text NOT NULL,                           -- what is consented to, in words
  counterparts text[] NOT NULL DEFAULT '{}',
  publish_details boolean NOT NULL DEFAULT true, -- may the activity's details be published
  granted_on date NOT NULL,
  expires_on date,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users (id),
  revocation_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_on IS NULL OR expires_on >= granted_on),
  CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
);
CREATE INDEX consents_activity ON consents (activity_id);
