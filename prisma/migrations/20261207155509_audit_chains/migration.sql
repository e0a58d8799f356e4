-- Audit chains (issue 16). Every append used to take one global advisory lock,
-- so every write of every case waited for every other. The trail becomes many
-- hash chains, each with its own head row (AuditChain) that an append locks,
-- and a chain of anchors (AuditAnchor) recording chain heads in batches.
-- The entries already written stay verifiable as they are: they become the
-- chain 'global', numbered as before (chainSeq = seq), hashed as before.
-- Prisma's migration runner splits the file at every semicolon, even inside
-- quotes and comments, so function bodies write theirs as \073 in an escape
-- string, and no comment here holds one.

-- seq now comes from a sequence (a rolled-back append leaves a gap), after the entries written so far.
CREATE SEQUENCE auditentry_seq_seq OWNED BY "AuditEntry"."seq";
SELECT setval('auditentry_seq_seq', COALESCE((SELECT max("seq") FROM "AuditEntry"), 0) + 1, false);
ALTER TABLE "AuditEntry" ALTER COLUMN "seq" SET DEFAULT nextval('auditentry_seq_seq');

ALTER TABLE "AuditEntry" ADD COLUMN "chain" TEXT NOT NULL DEFAULT 'global', ADD COLUMN "chainSeq" INTEGER;
-- The append-only trigger refuses every UPDATE, this one included: it is off for this statement only.
ALTER TABLE "AuditEntry" DISABLE TRIGGER "AuditEntry_append_only";
UPDATE "AuditEntry" SET "chainSeq" = "seq";
ALTER TABLE "AuditEntry" ENABLE TRIGGER "AuditEntry_append_only";
ALTER TABLE "AuditEntry" ALTER COLUMN "chain" DROP DEFAULT, ALTER COLUMN "chainSeq" SET NOT NULL;

CREATE UNIQUE INDEX "AuditEntry_chain_chainSeq_key" ON "AuditEntry"("chain", "chainSeq");

CREATE TABLE "AuditChain" (
    "chain" TEXT NOT NULL,
    "lastSeq" INTEGER NOT NULL,
    "lastHash" TEXT NOT NULL,
    "anchoredSeq" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AuditChain_pkey" PRIMARY KEY ("chain")
);
-- The chains the next anchor records (not in schema.prisma, which has no partial indexes).
CREATE INDEX "AuditChain_unanchored_idx" ON "AuditChain"("chain") WHERE "lastSeq" > "anchoredSeq";

INSERT INTO "AuditChain" ("chain", "lastSeq", "lastHash")
  SELECT 'global', "seq", "hash" FROM "AuditEntry" ORDER BY "seq" DESC LIMIT 1;

CREATE TABLE "AuditAnchor" (
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "heads" JSONB NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditAnchor_pkey" PRIMARY KEY ("seq")
);

-- Anchors are append-only too.
CREATE FUNCTION "alur_audit_anchor_append_only"() RETURNS trigger LANGUAGE plpgsql AS
E'BEGIN RAISE EXCEPTION ''AuditAnchor is append-only: % refused'', TG_OP\073 END';

CREATE TRIGGER "AuditAnchor_append_only"
  BEFORE UPDATE OR DELETE ON "AuditAnchor"
  FOR EACH ROW EXECUTE FUNCTION "alur_audit_anchor_append_only"();

CREATE TRIGGER "AuditAnchor_no_truncate"
  BEFORE TRUNCATE ON "AuditAnchor"
  FOR EACH STATEMENT EXECUTE FUNCTION "alur_audit_anchor_append_only"();
