import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateArticlesAndClaims1764140100000 implements MigrationInterface {
  name = 'CreateArticlesAndClaims1764140100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE articles (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title        text NOT NULL,
        body         text NOT NULL,
        url          text,
        source       text,
        author       text,
        language     text NOT NULL DEFAULT 'en',
        published_at timestamptz,
        body_sha256  char(64) NOT NULL,
        created_by   uuid NOT NULL CONSTRAINT articles_created_by_fkey REFERENCES users (id),
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        search       tsvector GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || body)) STORED,
        CONSTRAINT articles_body_sha256_check CHECK (body_sha256 ~ '^[0-9a-f]{64}$')
      )`);
    await q.query(`CREATE UNIQUE INDEX articles_body_sha256_key ON articles (body_sha256)`);
    // The url is stored normalized (see article-identity.ts), so equal pages collide here.
    await q.query(`CREATE UNIQUE INDEX articles_url_key ON articles (url) WHERE url IS NOT NULL`);
    await q.query(`CREATE INDEX articles_search_idx ON articles USING gin (search)`);
    await q.query(`CREATE INDEX articles_published_at_idx ON articles (published_at DESC NULLS LAST, created_at DESC)`);
    await q.query(`CREATE INDEX articles_source_idx ON articles (source)`);

    await q.query(`
      CREATE TABLE claims (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id      uuid NOT NULL CONSTRAINT claims_article_id_fkey REFERENCES articles (id) ON DELETE CASCADE,
        text            text NOT NULL,
        start           integer NOT NULL,
        "end"           integer NOT NULL,
        sentence_index  integer,
        score           real NOT NULL,
        features        jsonb NOT NULL DEFAULT '{}'::jsonb,
        speaker         text,
        origin          text NOT NULL,
        status          text NOT NULL DEFAULT 'pending',
        normalized_text text NOT NULL,
        created_by      uuid CONSTRAINT claims_created_by_fkey REFERENCES users (id),
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT claims_span_check CHECK (0 <= start AND start < "end"),
        CONSTRAINT claims_score_check CHECK (score >= 0 AND score <= 1),
        CONSTRAINT claims_origin_check CHECK (origin IN ('extracted', 'manual')),
        CONSTRAINT claims_manual_sentence_check CHECK (origin = 'extracted' OR sentence_index IS NULL),
        CONSTRAINT claims_status_check CHECK (status IN
          ('pending', 'queued', 'in_review', 'needs_adjudication', 'verified', 'disputed', 'unverifiable', 'rejected'))
      )`);
    await q.query(`ALTER TABLE claims ADD CONSTRAINT claims_article_span_key UNIQUE (article_id, start, "end")`);
    await q.query(`CREATE INDEX claims_article_start_idx ON claims (article_id, start)`);
    await q.query(`CREATE INDEX claims_normalized_text_trgm_idx ON claims USING gin (normalized_text gin_trgm_ops)`);
    // Exact repeats (wire copies) are found by equality first; hash, because a btree entry cannot hold a long claim.
    await q.query(`CREATE INDEX claims_normalized_text_hash_idx ON claims USING hash (normalized_text)`);

    // Links are stored in both directions, so "similar to X" is one indexed lookup on claim_id.
    await q.query(`
      CREATE TABLE claim_similarities (
        claim_id         uuid NOT NULL CONSTRAINT claim_similarities_claim_id_fkey REFERENCES claims (id) ON DELETE CASCADE,
        similar_claim_id uuid NOT NULL CONSTRAINT claim_similarities_similar_claim_id_fkey REFERENCES claims (id) ON DELETE CASCADE,
        similarity       real NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT claim_similarities_pkey PRIMARY KEY (claim_id, similar_claim_id),
        CONSTRAINT claim_similarities_not_self_check CHECK (claim_id <> similar_claim_id),
        CONSTRAINT claim_similarities_similarity_check CHECK (similarity >= 0 AND similarity <= 1)
      )`);
    await q.query(`CREATE INDEX claim_similarities_similar_claim_id_idx ON claim_similarities (similar_claim_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE claim_similarities`);
    await q.query(`DROP TABLE claims`);
    await q.query(`DROP TABLE articles`);
    // pg_trgm stays: other objects may use it and dropping an extension is not ours to decide.
  }
}
