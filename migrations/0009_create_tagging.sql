-- Automatic tagging with a human in the loop (issue 7): suggestions of a tagging model for recommendations and
-- assistance requests, and the reviewer's decision on each. One row per subject × scheme × code:
--   upr-info  a UPR Info issue label as UPR Info spells it ('Women's rights');
--   uhri      a UHRI level-2 theme code ('E5');
--   sdg       an SDG goal number as text ('4').
-- A suggestion stays 'suggested' (never shown as official) until a reviewer accepts or rejects it. A rejected row is
-- kept so the same code is not suggested again; a tag a human adds has no confidence and no model.
CREATE TABLE tag_suggestions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  subject_kind text NOT NULL CHECK (subject_kind IN ('recommendation', 'request')),
  subject_id text NOT NULL,                  -- recommendations.id, or assistance_requests.id as text
  scheme text NOT NULL CHECK (scheme IN ('upr-info', 'uhri', 'sdg')),
  code text NOT NULL CHECK (code <> ''),
  confidence real CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
  origin text NOT NULL CHECK (origin IN ('model', 'human')),
  model_name text,
  model_version text,
  status text NOT NULL CHECK (status IN ('suggested', 'accepted', 'rejected')),
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (subject_kind, subject_id, scheme, code),
  CHECK (scheme <> 'sdg' OR code ~ '^(1[0-7]|[1-9])$'),
  -- Provenance is complete: a model's suggestion names the model and its confidence; a human's tag names neither.
  CHECK ((origin = 'model') = (model_name IS NOT NULL AND model_version IS NOT NULL AND confidence IS NOT NULL)),
  CHECK (origin = 'model' OR (model_name IS NULL AND model_version IS NULL AND confidence IS NULL)),
  -- A human's tag is decided when it is added; a suggestion is undecided until someone decides it.
  CHECK (origin = 'model' OR status = 'accepted'),
  CHECK ((status = 'suggested') = (decided_at IS NULL))
);
-- The review queue and the batch re-run read the undecided suggestions of a subject kind.
CREATE INDEX tag_suggestions_pending ON tag_suggestions (subject_kind, subject_id) WHERE status = 'suggested';
-- Official tags that came from a decision, read when a row of the registry is rewritten (trigger below).
CREATE INDEX tag_suggestions_accepted ON tag_suggestions (subject_kind, subject_id) WHERE status = 'accepted';

-- An accepted tag is official: it is written into the recommendation's facet arrays (issues, theme_codes, sdg_goals)
-- and facet tokens, so search finds the recommendation by it. A re-import of a changed source row rewrites those
-- arrays from the file; this trigger adds the accepted tags back, so a decision is never silently undone by an import.
CREATE FUNCTION recommendations_keep_accepted_tags() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tag record;
BEGIN
  FOR tag IN
    SELECT scheme, code FROM tag_suggestions
    WHERE subject_kind = 'recommendation' AND subject_id = NEW.id AND status = 'accepted'
    ORDER BY scheme, code
  LOOP
    IF tag.scheme = 'upr-info' AND NOT (tag.code = ANY (NEW.issues)) THEN
      NEW.issues := NEW.issues || tag.code;
      NEW.facet_tokens := NEW.facet_tokens || ('issue:' || tag.code);
    ELSIF tag.scheme = 'uhri' AND NOT (tag.code = ANY (NEW.theme_codes)) THEN
      NEW.theme_codes := NEW.theme_codes || tag.code;
      NEW.facet_tokens := NEW.facet_tokens || ('theme:' || tag.code);
    ELSIF tag.scheme = 'sdg' AND NOT (tag.code::integer = ANY (NEW.sdg_goals)) THEN
      NEW.sdg_goals := NEW.sdg_goals || tag.code::integer;
      NEW.facet_tokens := NEW.facet_tokens || ('sdg:' || tag.code);
    END IF;
  END LOOP;
  RETURN NEW;
END
$$;
CREATE TRIGGER recommendations_keep_accepted_tags BEFORE UPDATE OF issues, theme_codes, sdg_goals ON recommendations
  FOR EACH ROW EXECUTE FUNCTION recommendations_keep_accepted_tags();
