import { Command, Option } from "commander";
import { ROLES, ORGANIZATION_TYPES } from "../domain/access/roles.js";
import { addMembership, createApiToken, createOrganization, createUser } from "../domain/accounts/account-service.js";
import { verifyAuditLog } from "../domain/audit/audit-service.js";
import { countAuditEvents } from "../domain/audit/audit-queries.js";
import { AppError } from "../domain/core/app-error.js";
import { prepareDatabase } from "../domain/setup/setup-service.js";
import { migrate } from "../store/migrate.js";
import { type EvalCommandOptions, type TrainCommandOptions, runClassifyEval, runClassifySuggest, runClassifyTrain } from "./classify-command.js";
import { type ClassifyTagOptions, runClassifyTag } from "./classify-tag-command.js";
import { type GlobalOptions, openConfigured, readStdin, requireOption, runCommand } from "./cli-runtime.js";
import { type ClosuresImportOptions, runClosuresImport } from "./closures-import-command.js";
import { runIatiExport, runIatiOrgExport } from "./export-command.js";
import { runIatiImport } from "./iati-import-command.js";
import { type ImportKind, runImport } from "./import-command.js";
import { runRatesImport } from "./rates-command.js";
import { serve } from "./serve-command.js";

const CLI_ACTOR = (label: string) => ({ userId: null, label: `cli:${label}` });

const program = new Command()
  .name("passerelle")
  .description("Passerelle: technical cooperation and capacity-building in the field of human rights (HRC res. 45/32)")
  .option("--data <dir>", "data folder of the embedded database (default ./data or PASSERELLE_DATA)")
  .option("--json", "machine-readable output on stdout")
  .showHelpAfterError();

const globals = (): GlobalOptions => program.opts<GlobalOptions>();

program
  .command("serve")
  .description("start the web server (migrates, loads reference data, seeds the demo on a first start)")
  .option("--port <port>", "port (default PORT or 3000)")
  .option("--host <host>", "interface (default HOST or 127.0.0.1)")
  .action((opts: { port?: string; host?: string }) => runCommand(!!globals().json, (out) => serve({ ...globals(), ...opts }, out)));

program
  .command("migrate")
  .description("apply pending database migrations")
  .action(() =>
    runCommand(!!globals().json, async (out) => {
      const opened = await openConfigured(globals(), "passerelle migrate");
      try {
        const report = await migrate(opened.handle.db);
        out.result(
          report.applied.length
            ? `Applied ${report.applied.length} migration(s): ${report.applied.join(", ")}`
            : `Nothing to do: ${report.alreadyApplied} migration(s) already applied`,
          report,
        );
      } finally {
        await opened.close();
      }
    }),
  );

program
  .command("seed")
  .description("migrate and load reference data; with --demo also the demo organizations and accounts")
  .option("--demo", "add demo organizations and accounts (fictional people, labelled as such)")
  .action((opts: { demo?: boolean }) =>
    runCommand(!!globals().json, async (out) => {
      const opened = await openConfigured(globals(), "passerelle seed");
      try {
        const report = await prepareDatabase(opened.handle.db, { demo: !!opts.demo, onProgress: (s) => out.info(`· ${s}`) });
        const loaded = report.reference.datasets.filter((d) => d.status === "loaded").map((d) => d.id);
        out.result(
          [
            `Reference data: ${loaded.length ? `loaded ${loaded.join(", ")}` : "unchanged"}`,
            report.demo
              ? `Demo data: ${report.demo.status}${report.demo.status === "seeded" ? ` (${report.demo.organizations} organizations, ${report.demo.users} accounts)` : ""}`
              : "",
          ]
            .filter(Boolean)
            .join("\n"),
          report,
        );
      } finally {
        await opened.close();
      }
    }),
  );

const org = program.command("org").description("manage organizations");
org
  .command("add")
  .description("register an organization")
  .requiredOption("--slug <slug>", "short identifier, e.g. sen-ministry-justice")
  .requiredOption("--name <name>", "full name")
  .addOption(new Option("--type <type>", "organization type").choices(ORGANIZATION_TYPES).makeOptionMandatory())
  .option("--country <iso3>", "ISO alpha-3 code of the State it belongs to or works in")
  .option("--acronym <acronym>")
  .option("--iati-ref <ref>", "IATI organisation identifier, e.g. XM-DAC-41313")
  .addOption(
    new Option("--visibility <visibility>", "who may see it listed").choices(["public", "state_and_un", "un_only", "originator_only"]).default("public"),
  )
  .action(
    (opts: {
      slug: string;
      name: string;
      type: (typeof ORGANIZATION_TYPES)[number];
      country?: string;
      acronym?: string;
      iatiRef?: string;
      visibility: "public";
    }) =>
      runCommand(!!globals().json, async (out) => {
        const opened = await openConfigured(globals(), "passerelle org add");
        try {
          const created = await createOrganization(opened.handle.db, CLI_ACTOR("org add"), {
            slug: opts.slug,
            name: opts.name,
            type: opts.type,
            countryIso3: opts.country,
            acronym: opts.acronym,
            iatiRef: opts.iatiRef,
            visibility: opts.visibility,
          });
          out.result(`Created organization ${created.slug} (${created.id})`, created);
        } finally {
          await opened.close();
        }
      }),
  );

const user = program.command("user").description("manage user accounts");
user
  .command("add")
  .description("create a user account, optionally with a role in an organization")
  .requiredOption("--email <email>")
  .requiredOption("--name <name>", "display name")
  .option("--org <slug>", "organization the user belongs to")
  .addOption(new Option("--role <role>", "role in that organization").choices(ROLES))
  .addOption(new Option("--language <lang>", "preferred language").choices(["ar", "en", "es", "fr", "ru", "zh"]).default("en"))
  .option("--password-stdin", "read the password from standard input (otherwise: API-token-only account)")
  .action((opts: { email: string; name: string; org?: string; role?: string; language: "en"; passwordStdin?: boolean }) =>
    runCommand(!!globals().json, async (out) => {
      if (!!opts.org !== !!opts.role)
        throw new AppError("invalid_input", "--org and --role go together", [{ field: opts.org ? "role" : "org", message: "is required" }]);
      const password = opts.passwordStdin ? await readStdin() : undefined;
      const opened = await openConfigured(globals(), "passerelle user add");
      try {
        const db = opened.handle.db;
        const created = await createUser(db, CLI_ACTOR("user add"), { email: opts.email, displayName: opts.name, password, preferredLanguage: opts.language });
        if (opts.org && opts.role) await addMembership(db, CLI_ACTOR("user add"), { email: created.email, organizationSlug: opts.org, role: opts.role });
        out.result(`Created user ${created.email} (${created.id})${opts.org ? ` as ${opts.role} in ${opts.org}` : ""}`, {
          ...created,
          organization: opts.org ?? null,
          role: opts.role ?? null,
        });
      } finally {
        await opened.close();
      }
    }),
  );
user
  .command("grant")
  .description("give an existing user a role in an organization")
  .requiredOption("--email <email>")
  .requiredOption("--org <slug>")
  .addOption(new Option("--role <role>").choices(ROLES).makeOptionMandatory())
  .action((opts: { email: string; org: string; role: string }) =>
    runCommand(!!globals().json, async (out) => {
      const opened = await openConfigured(globals(), "passerelle user grant");
      try {
        await addMembership(opened.handle.db, CLI_ACTOR("user grant"), { email: opts.email, organizationSlug: opts.org, role: opts.role });
        out.result(`${opts.email} is ${opts.role} in ${opts.org}`, { email: opts.email, organization: opts.org, role: opts.role });
      } finally {
        await opened.close();
      }
    }),
  );

program
  .command("token")
  .description("API tokens for machine clients")
  .command("create")
  .description("create an API token (shown once; send it as Authorization: Bearer <token>)")
  .requiredOption("--user <email>")
  .option("--label <label>", "what the token is for", "cli")
  .option("--expires-days <days>", "days until it expires (default: never)")
  .action((opts: { user: string; label: string; expiresDays?: string }) =>
    runCommand(!!globals().json, async (out) => {
      const expiresInDays = opts.expiresDays === undefined ? undefined : Number(opts.expiresDays);
      if (expiresInDays !== undefined && !Number.isInteger(expiresInDays)) {
        throw new AppError("invalid_input", "--expires-days must be a whole number", [{ field: "expires-days", message: "must be a whole number" }]);
      }
      const opened = await openConfigured(globals(), "passerelle token create");
      try {
        const created = await createApiToken(opened.handle.db, CLI_ACTOR("token create"), {
          email: requireOption(opts.user, "user"),
          label: opts.label,
          expiresInDays,
        });
        out.result(`${created.token}\n(shown once: store it now; it expires ${created.expiresAt ? created.expiresAt.toISOString() : "never"})`, created);
      } finally {
        await opened.close();
      }
    }),
  );

const importCmd = program
  .command("import")
  .description(
    "import real files: recommendations, pledges, rates and school closures (all or nothing), IATI activities (per activity); re-importing a file changes nothing",
  );
for (const [kind, description] of [
  ["upr-info", "UPR Info recommendations export (CSV; UTF-8 or the raw Mac Roman files)"],
  ["uhri", "OHCHR thematic list of recommendations (UHRI): the .docx document or its CSV"],
  ["pledges", "UPR Info voluntary pledges export (CSV)"],
] as const) {
  importCmd
    .command(`${kind} <file>`)
    .description(description)
    .option("--dry-run", "validate and report what would change, write nothing")
    .addOption(new Option("--encoding <encoding>", "force the file's encoding instead of detecting it").choices(["utf-8", "macintosh", "windows-1252"]))
    .action((file: string, opts: { dryRun?: boolean; encoding?: "utf-8" | "macintosh" | "windows-1252" }) =>
      runCommand(!!globals().json, (out) => runImport(kind as ImportKind, file, opts, globals(), out)),
    );
}
importCmd
  .command("rates <file>")
  .description("exchange rates to the US dollar (CSV: currency,year,units_per_usd,source), e.g. UN operational rates; replaces those currency-years")
  .option("--dry-run", "check the file, write nothing")
  .action((file: string, opts: { dryRun?: boolean }) => runCommand(!!globals().json, (out) => runRatesImport(file, opts, globals(), out)));
importCmd
  .command("iati <file>")
  .description(
    "IATI 2.01–2.03 activity file (.xml or .xml.gz): invalid or unmappable activities are skipped and listed; a file that is not IATI writes nothing",
  )
  .option("--dry-run", "check the file and report what would change, write nothing")
  .action((file: string, opts: { dryRun?: boolean }) => runCommand(!!globals().json, (out) => runIatiImport(file, opts, globals(), out)));

importCmd
  .command("closures <file>")
  .description(
    "school closures (docs/closures.md): UNESCO daily or scale CSV, OxCGRT C1 long CSV, or the national template (.csv or .csv.gz); any error writes nothing; the same file again is a no-op, a revised file a new release",
  )
  .option("--dry-run", "check the file and report, write nothing")
  .option("--publisher <name>", "who published the data (required for the national template)")
  .option("--label <text>", "the release's label (default: source and coverage)")
  .option("--skip-unknown-countries", "skip rows whose ISO code is not a known country (one warning per code) instead of refusing the file")
  .option("--skip-duplicates", "keep the first row of a duplicated country-day and report the others instead of refusing the file")
  .action((file: string, opts: ClosuresImportOptions) => runCommand(!!globals().json, (out) => runClosuresImport(file, opts, globals(), out)));

const exportCmd = program.command("export").description("publish open data files (what the public may see)");
exportCmd
  .command("iati")
  .description("IATI 2.03 activity file (docs/iati.md); activities that cannot be published are listed with the reason")
  .requiredOption("--out <file>", "the XML file to write (written complete or not at all)")
  .option("--provider <slug>", "only the activities this provider reports, e.g. ohchr")
  .option("--country <iso3>", "only the activities in this State, e.g. SEN")
  .action((opts: { out: string; provider?: string; country?: string }) => runCommand(!!globals().json, (out) => runIatiExport(opts, globals(), out)));
exportCmd
  .command("iati-org")
  .description("IATI 2.03 organisation file of a provider: identifier, name, total expenditure per year")
  .requiredOption("--provider <slug>", "the provider, e.g. ohchr")
  .requiredOption("--out <file>", "the XML file to write")
  .action((opts: { provider: string; out: string }) => runCommand(!!globals().json, (out) => runIatiOrgExport(opts, globals(), out)));

const classify = program.command("classify").description("automatic tagging of recommendations (UPR Info issues, UHRI themes, SDG goals)");
classify
  .command("train")
  .description("train the tagging model (fixed seed: the same file gives the same model), measure it on held-out sessions, write it")
  .option("--input <file>", "UPR Info recommendations CSV (.csv or .csv.gz; default: resources/upr-info)")
  .option("--out <file>", "model file to write (default: the committed model in resources/models)")
  .option("--c <number>", "inverse regularisation strength of the linear models (default 0.4)")
  .action((opts: TrainCommandOptions) => runCommand(!!globals().json, (out) => runClassifyTrain(opts, out)));
classify
  .command("eval")
  .description("score the model on a labelled CSV (header …,recommendation,…,issues): micro/macro precision, recall, F1 and a per-label table")
  .option("--input <file>", "the labelled CSV")
  .option("--model <file>", "a model file (default: the committed model)")
  .option("--json", "one JSON object on stdout")
  .action((opts: EvalCommandOptions & { json?: boolean }) => runCommand(!!(opts.json || globals().json), (out) => runClassifyEval(opts, out)));
classify
  .command("suggest")
  .description("suggest UPR Info issues, UHRI themes and SDG goals for one English text")
  .option("--text <text>", "the recommendation text")
  .option("--model <file>", "a model file (default: the committed model)")
  .option("--json", "one JSON object on stdout")
  .action((opts: { text?: string; model?: string; json?: boolean }) =>
    runCommand(!!(opts.json || globals().json), async (out) => runClassifySuggest(opts, out)),
  );
classify
  .command("tag")
  .description("store the model's suggested tags for imported recommendations, for a reviewer to accept or reject")
  .addOption(new Option("--source <source>", "only recommendations of this source").choices(["upr-info", "uhri"]))
  .option("--state <iso3>", "only recommendations to this State under review, e.g. SVN")
  .option("--session <n>", "only recommendations of this UPR Working Group session")
  .option("--all", "every matching recommendation (default: only those with no issue label and no suggestion yet)")
  .option("--model <file>", "a model file (default: the committed model)")
  .action((opts: ClassifyTagOptions) => runCommand(!!globals().json, (out) => runClassifyTag(opts, globals(), out)));

program
  .command("audit")
  .description("the hash-chained audit log")
  .command("verify")
  .description("check that no audit row was altered, removed or inserted")
  .action(() =>
    runCommand(!!globals().json, async (out) => {
      const opened = await openConfigured(globals(), "passerelle audit verify");
      try {
        const total = await countAuditEvents(opened.handle.db);
        const bar = out.progress(total, "Verifying");
        const result = await verifyAuditLog(opened.handle.db, (n) => bar.update(n));
        bar.stop();
        if (!result.ok) {
          throw new AppError(
            "rule_violation",
            `The audit log is broken at row ${result.brokenSeq}: ${result.reason}. ${result.count} row(s) before it are intact.`,
          );
        }
        out.result(`Audit log intact: ${result.count} row(s) verified`, result);
      } finally {
        await opened.close();
      }
    }),
  );

await program.parseAsync(process.argv);
