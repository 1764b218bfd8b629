import fs from "node:fs";
import fc from "fast-check";
import os from "node:os";
import path from "node:path";
import { brotliCompressSync as compress, brotliDecompressSync as decompress } from "node:zlib";
import { describe, expect, it } from "vitest";
import { isAppError } from "../src/domain/core/app-error.js";
import { marginsOf, vectorizeFor } from "../src/domain/tagging/label-scoring.js";
import { trainBinarySvm } from "../src/domain/tagging/linear-trainer.js";
import { canonicalLabels, type LabelledText, planSessions, trainTagModel } from "../src/domain/tagging/model-training.js";
import { TAG_MODEL_FORMAT } from "../src/domain/tagging/tag-model.js";
import { isTaggableText, scoreLabels, suggestTags } from "../src/domain/tagging/tag-suggest.js";
import {
  buildFeatureSpace,
  compileFeatures,
  corpusFeatureSpace,
  featureKeysOf,
  indexCorpus,
  indexFeatureSpace,
  toSparseRows,
  tokenize,
  vectorize,
  vectorizeCompiled,
  vectorizeCorpusDoc,
} from "../src/domain/tagging/text-features.js";
import { detectLanguage } from "../src/domain/tagging/text-language.js";
import { decodeTagModel, defaultTagModel, encodeTagModel, loadTagModel } from "../src/imports/tag-model-file.js";

const TA = "Technical assistance and cooperation";

describe("text features", () => {
  it("tokenizes words in lower case, folding typographic apostrophes and keeping numbers", () => {
    expect(tokenize("Implement Security Council resolution 1325 — the State’s plan")).toEqual([
      "implement",
      "security",
      "council",
      "resolution",
      "1325",
      "the",
      "state's",
      "plan",
    ]);
  });

  it("tokenizes ASCII texts (the fast path) exactly as the general path does", () => {
    // A non-ASCII word at the end sends a text down the general path, and adds just that word.
    const ascii = fc.string({ unit: fc.constantFrom(..."aZ09 '-.,x\t".split("")), maxLength: 40 });
    fc.assert(
      fc.property(ascii, (text) => {
        expect([...tokenize(text), "é"]).toEqual(tokenize(`${text} é`));
      }),
    );
    expect(tokenize("Don't ratify it's 2'nd 'quoted' O'Brien")).toEqual(["don't", "ratify", "it's", "2'nd", "quoted", "o'brien"]);
  });

  it("makes words, bigrams, trigrams and character 5-grams of words of four letters or more", () => {
    expect(featureKeysOf("Ratify OP now")).toEqual([
      "w:ratify",
      "c: rati",
      "c:ratif",
      "c:atify",
      "c:tify ",
      "w:op",
      "b:ratify op",
      "w:now",
      "b:op now",
      "t:ratify op now",
    ]);
  });

  it("gives unit-length vectors and ignores unknown features", () => {
    const space = buildFeatureSpace(["ratify the convention", "ratify the protocol", "abolish the death penalty"], 2);
    expect(space.keys).toContain("w:ratify");
    expect(space.keys).not.toContain("w:abolish");
    const v = vectorize("Ratify the convention now", space, indexFeatureSpace(space));
    const norm = Math.sqrt([...v.values].reduce((s, x) => s + x * x, 0));
    expect(norm).toBeCloseTo(1, 5);
    expect(vectorize("zzz", space, indexFeatureSpace(space)).indices.length).toBe(0);
  });
});

describe("corpus features (read once, used by every fit)", () => {
  it("give exactly the feature space and vectors of reading each text again, as does the compiled scorer", () => {
    const words = ["ratify", "the", "convention", "torture", "children", "education", "girls", "rights", "ensure", "État", "ça", "no", "ratify"];
    const text = fc.array(fc.constantFrom(...words), { minLength: 0, maxLength: 12 }).map((w) => w.join(" "));
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 3 }), (texts, minDocs) => {
        const corpus = indexCorpus(texts);
        const docs = texts.map((_, i) => i).filter((i) => i % 3 !== 1);
        const { space, local } = corpusFeatureSpace(corpus, docs, minDocs);
        const direct = buildFeatureSpace(
          docs.map((i) => texts[i] as string),
          minDocs,
        );
        expect(space.keys).toEqual(direct.keys);
        expect([...space.idf]).toEqual([...direct.idf]);
        const index = indexFeatureSpace(direct);
        const compiled = compileFeatures(direct);
        texts.forEach((t, i) => {
          const a = vectorizeCorpusDoc(corpus, i, space, local);
          const b = vectorize(t, direct, index);
          const c = vectorizeCompiled(t, compiled);
          expect([...a.indices]).toEqual([...b.indices]);
          expect([...a.values]).toEqual([...b.values]);
          expect([...c.indices]).toEqual([...b.indices]);
          expect([...c.values]).toEqual([...b.values]);
        });
      }),
    );
  });
});

describe("linear trainer", () => {
  const space = buildFeatureSpace(["ratify convention", "ratify protocol", "abolish death penalty", "abolish penalty now"], 1);
  const index = indexFeatureSpace(space);
  const rows = toSparseRows(["ratify convention", "ratify protocol", "abolish death penalty", "abolish penalty now"].map((t) => vectorize(t, space, index)));
  const positive = Uint8Array.from([1, 1, 0, 0]);

  it("separates separable rows", () => {
    const c = trainBinarySvm(rows, positive, space.keys.length, { c: 1, seed: 3 });
    const score = (t: string) => {
      const v = vectorize(t, space, index);
      let s = c.bias;
      v.indices.forEach((f, j) => {
        s += (c.weights[f] as number) * (v.values[j] as number);
      });
      return s;
    };
    expect(score("ratify the protocol")).toBeGreaterThan(0);
    expect(score("abolish the death penalty")).toBeLessThan(0);
  });

  it("is reproducible: the same seed gives the same weights", () => {
    const a = trainBinarySvm(rows, positive, space.keys.length, { c: 1, seed: 7 });
    const b = trainBinarySvm(rows, positive, space.keys.length, { c: 1, seed: 7 });
    expect([...a.weights]).toEqual([...b.weights]);
    expect(a.bias).toBe(b.bias);
  });
});

describe("linear trainer with naive-Bayes feature scaling", () => {
  // Mirrored classes: the same number of features on each side, only the verb tells them apart.
  const texts = ["ratify the convention", "ratify the protocol", "reject the convention", "reject the protocol"];
  const space = buildFeatureSpace(texts, 1);
  const index = indexFeatureSpace(space);
  const rows = toSparseRows(texts.map((t) => vectorize(t, space, index)));
  const positive = Uint8Array.from([1, 1, 0, 0]);

  it("is the plain SVM at power 0 (every scale is 1)", () => {
    const plain = trainBinarySvm(rows, positive, space.keys.length, { c: 1, seed: 3 });
    const scaled = trainBinarySvm(rows, positive, space.keys.length, { c: 1, seed: 3, evidenceScaling: { power: 0, smoothing: 1 } });
    expect([...scaled.weights]).toEqual([...plain.weights]);
    expect(scaled.bias).toBe(plain.bias);
  });

  it("gives no weight to a feature as frequent with the label as without, and keeps the telling ones", () => {
    const c = trainBinarySvm(rows, positive, space.keys.length, { c: 1, seed: 3, evidenceScaling: { power: 1, smoothing: 1 } });
    const weight = (key: string) => c.weights[index.get(key) as number] as number;
    // "the" and the objects are as frequent on both sides: log-count ratio 0, so scaled value and weight 0.
    for (const key of ["w:the", "w:convention", "b:the protocol"]) expect(weight(key)).toBe(0);
    expect(weight("w:ratify")).toBeGreaterThan(0);
    expect(weight("w:reject")).toBeLessThan(0);
  });
});

describe("session split", () => {
  const row = (session: number | null): LabelledText => ({ text: "t", labels: ["A"], session });

  it("trains on the early sessions, tunes on the next two and measures on the last two", () => {
    expect(planSessions([1, 2, 3, 4, 5, 6, 7, 7].map(row))).toEqual({ train: [1, 2, 3], tune: [4, 5], test: [6, 7] });
  });

  it("refuses a file with fewer than five sessions, naming the field", () => {
    try {
      planSessions([1, 2, 3, 3, null].map(row));
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe("invalid_input");
      expect(isAppError(e) && e.problems[0]?.field).toBe("session");
    }
  });
});

describe("language check", () => {
  it.each([
    ["Ratify the Optional Protocol to the Convention against Torture", "en"],
    ["Ratify CEDAW", "en"],
    // Bug: "No." twice read as Portuguese "no" (the one UPR Info text the first version refused).
    ["Ratify ILO Conventions No. 138 and no. 182", "en"],
    ["Ratificar a Convenção sobre os Direitos das Pessoas com Deficiência e o seu protocolo", "pt"],
    ["Ratifier la Convention relative aux droits des personnes handicapées et son protocole", "fr"],
    ["Ratificar la Convención sobre los derechos de las personas con discapacidad", "es"],
    ["Ratifizieren Sie das Übereinkommen über die Rechte von Menschen mit Behinderungen und das Protokoll", "de"],
    ["Ратифицировать Конвенцию о правах инвалидов", "ru"],
    ["التصديق على اتفاقية حقوق الأشخاص ذوي الإعاقة", "ar"],
    ["批准《残疾人权利公约》", "zh"],
  ])("%s → %s", (text, code) => {
    expect(detectLanguage(text)?.code).toBe(code);
  });

  it.each([
    ["", "is empty"],
    ["   \n ", "is empty"],
    ["1325 / 2000 — 42", "has no words"],
    ["Ratifier la Convention relative aux droits de l'enfant", "is not in English (looks like French)"],
  ])("refuses %j: %s", (text, problem) => {
    const check = isTaggableText(text);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem).toBe(problem);
  });
});

describe("the committed model", () => {
  const model = defaultTagModel();

  it("is the current format, with the 54 UPR Info labels, a version and its measured accuracy", () => {
    expect(model.format).toBe(TAG_MODEL_FORMAT);
    expect(model.labels).toHaveLength(54);
    expect(model.labels).toContain(TA);
    expect(model.version).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
    expect(model.evaluation?.n).toBeGreaterThan(5000);
    expect(model.evaluation?.perLabel[TA]?.support).toBeGreaterThan(50);
    expect(model.evaluation?.sdg?.n).toBe(215);
  });

  it("suggests the expected labels, UHRI themes and SDG goals, best first", () => {
    const s = suggestTags(model, "Seek technical assistance from OHCHR to strengthen its national human rights institution in line with the Paris Principles");
    const selected = s.labels.filter((l) => l.selected).map((l) => l.label);
    expect(selected).toEqual(expect.arrayContaining([TA, "NHRI"]));
    expect(s.themes.map((t) => t.code)).toEqual(expect.arrayContaining(["A3", "A4"]));
    expect(s.sdgGoals.map((g) => g.goal)).toEqual(expect.arrayContaining([16, 17]));
    expect(s.model).toEqual({ name: model.name, version: model.version });
    const confidences = s.labels.map((l) => l.confidence);
    expect(confidences.every((c) => c >= 0 && c <= 1)).toBe(true);
  });

  it("always selects at least one label, and marks a label selected exactly when it passes its threshold (or is the only best guess)", () => {
    for (const text of ["Continue its efforts", "Take measures", "Consider the recommendation"]) {
      const scores = scoreLabels(model, text);
      const selected = scores.filter((s) => s.selected);
      expect(selected.length).toBeGreaterThanOrEqual(1);
      if (selected.length > 1) expect(selected.every((s) => s.confidence >= 0.5)).toBe(true);
    }
  });

  it("reads a file's labels as the model spells them when only case, spacing, dashes or apostrophes differ", () => {
    expect(canonicalLabels(model, ["Women’s rights", "rights of the  child", "Asylum-seekers – refugees", "A new label"])).toEqual([
      "Women's rights",
      "Rights of the Child",
      "Asylum-seekers - refugees",
      "A new label",
    ]);
  });

  it("refuses text it cannot read with a clear message on the text field", () => {
    expect(() => suggestTags(model, "Abolir la peine de mort et ratifier le deuxième protocole facultatif")).toThrowError(/French.*English only/);
    expect(() => suggestTags(model, "")).toThrowError(/empty/);
  });

  it("scores real recommendations with the compiled features exactly as with the reference features", async () => {
    const { readLabelledRecommendations } = await import("../src/imports/labelled-recommendations.js");
    const { DEFAULT_RESOURCES_DIR, resolveResourceFile } = await import("../src/imports/resources-path.js");
    const file = await readLabelledRecommendations(resolveResourceFile(DEFAULT_RESOURCES_DIR, "upr-info/upr_recommendations_sessions01-17.csv"));
    const index = indexFeatureSpace(model.features);
    for (const row of file.rows.filter((_, i) => i % 97 === 0)) {
      const fast = vectorizeFor(model, row.text);
      const reference = vectorize(row.text, model.features, index);
      expect([...fast.indices]).toEqual([...reference.indices]);
      expect([...fast.values]).toEqual([...reference.values]);
    }
  });

  it("survives a write and read: the margins move by less than 1e-3", () => {
    const copy = decodeTagModel(encodeTagModel(model), "copy");
    const text = "Ensure access to education for all children, including girls and children with disabilities";
    const a = marginsOf(model, vectorizeFor(model, text));
    const b = marginsOf(copy, vectorizeFor(copy, text));
    for (let l = 0; l < a.length; l++) expect(Math.abs((a[l] as number) - (b[l] as number))).toBeLessThan(1e-3);
    expect(copy.labels).toEqual(model.labels);
    expect(copy.evaluation).toEqual(model.evaluation);
  });
});

describe("model files that cannot be used", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "passerelle-model-"));
  const write = (name: string, content: Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  };
  const good = encodeTagModel(defaultTagModel());

  it.each([
    ["a missing file", () => path.join(dir, "none.bin.br"), /does not exist/],
    ["a file that is not compressed", () => write("plain.bin.br", Buffer.from("hello")), /not a compressed Passerelle model/],
    ["another kind of file", () => write("other.bin.br", compress(Buffer.from("PK something else"))), /not a Passerelle tagging model/],
    ["a truncated model", () => write("cut.bin.br", compress(Buffer.from(decompress(good)).subarray(0, 5000))), /truncated/],
    [
      "a model from another format version",
      () => {
        const body = Buffer.from(decompress(good));
        const text = body.toString("latin1").replace(TAG_MODEL_FORMAT, "passerelle-tag-model/0");
        return write("old.bin.br", compress(Buffer.from(text, "latin1")));
      },
      /format "passerelle-tag-model\/0", this version of Passerelle reads "passerelle-tag-model\/1"/,
    ],
  ])("refuses %s, saying how to rebuild it", (_, make, message) => {
    const file = make();
    try {
      loadTagModel(file);
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe("unavailable");
      expect((e as Error).message).toMatch(message);
      expect((e as Error).message).toMatch(/passerelle classify train/);
    }
  });
});

describe("training", () => {
  it("trains, tunes and measures on held-out sessions, reproducibly", async () => {
    const texts: [string, string][] = [
      ["Ratify the Convention against Torture", "International instruments"],
      ["Ratify the Optional Protocol to the Convention on the Rights of the Child", "International instruments"],
      ["Abolish the death penalty", "Death penalty"],
      ["Establish a moratorium on executions with a view to abolishing the death penalty", "Death penalty"],
      ["Ensure free primary education for all children", "Right to education"],
      ["Increase enrolment of girls in secondary schools", "Right to education"],
    ];
    const rows: LabelledText[] = [];
    for (let session = 1; session <= 6; session++)
      for (const [text, label] of texts) rows.push({ text: `${text} (session ${session})`, labels: [label], session });
    const settings = { name: "test", version: "1", c: 1, minDocs: 2, seed: 5, mapping: { version: "t", themesByLabel: {}, sdgGoalsByLabel: {} } };
    const a = await trainTagModel(rows, settings);
    const b = await trainTagModel(rows, settings);
    expect(a.evaluation?.protocol).toMatch(/^Measured on sessions 5–6, .* trained on sessions 1–4; .* \(3–4, and 1, 2 in two halves\)/);
    expect(a.evaluation).toMatchObject({ trainSessions: "1–4", testSessions: "5–6", n: 12 });
    expect(a.evaluation?.microF1).toBe(1);
    expect([...a.weights]).toEqual([...b.weights]);
    expect(a.trainingSessions).toBe("1–6");
    expect(suggestTags(a, "Abolish the death penalty now").labels[0]?.label).toBe("Death penalty");
  });
});
