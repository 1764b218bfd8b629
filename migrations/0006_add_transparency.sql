-- Transparency register and open data (issue 5; res. 45/32 OP8 "communicate transparently information on the
-- technical support offered and provided"; R14, R32, R34).

-- Yearly exchange rates, so that the register shows amounts in US dollars beside the original currency (R14).
-- Each rate keeps its provenance; a currency-year without a rate is shown unconverted, never guessed.
CREATE TABLE exchange_rates (
  currency char(3) NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 1950 AND 2100),
  units_per_usd numeric(20, 8) NOT NULL CHECK (units_per_usd > 0),
  observations integer NOT NULL DEFAULT 1 CHECK (observations > 0),
  source text NOT NULL,
  PRIMARY KEY (currency, year)
);

-- One row per IATI import run: the file, its version and what happened to each activity in it (R34 provenance).
CREATE TABLE iati_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  file_name text NOT NULL,
  sha256 char(64) NOT NULL,
  iati_version text NOT NULL,
  created_count integer NOT NULL DEFAULT 0,
  updated_count integer NOT NULL DEFAULT 0,
  unchanged_count integer NOT NULL DEFAULT 0,
  skipped_count integer NOT NULL DEFAULT 0,
  report jsonb NOT NULL DEFAULT '[]',            -- [{identifier, line, outcome, reason}]
  imported_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Where an activity comes from: entered here, or imported from a provider's published IATI file (the provider's
-- file stays the authority: a later import of it updates the activity).
ALTER TABLE activities ADD COLUMN source text NOT NULL DEFAULT 'passerelle' CHECK (source IN ('passerelle', 'iati_import'));
ALTER TABLE activities ADD COLUMN iati_import_id uuid REFERENCES iati_imports (id);
-- IATI 2.03 classifications kept as published so that an export repeats them: the OECD DAC aid type (D02 "other
-- technical assistance" for what is entered here), collaboration, flow and finance types, and the reporting
-- organisation's own last-updated time of the activity.
ALTER TABLE activities ADD COLUMN aid_type text NOT NULL DEFAULT 'D02';
ALTER TABLE activities ADD COLUMN collaboration_type text;
ALTER TABLE activities ADD COLUMN flow_type text;
ALTER TABLE activities ADD COLUMN finance_type text;
ALTER TABLE activities ADD COLUMN iati_last_updated timestamptz;

-- IATI transaction provider-org / receiver-org identifiers, beside the names already kept.
ALTER TABLE activity_transactions ADD COLUMN provider_ref text;
ALTER TABLE activity_transactions ADD COLUMN receiver_ref text;
